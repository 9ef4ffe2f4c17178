import { useState, type ReactNode } from 'react';
import { Form, Modal } from 'antd';
import { ApiError, type FieldError } from '../api';
import { ErrorAlert } from './ErrorAlert';

interface FormModalProps<V> {
  open: boolean;
  title: ReactNode;
  okText?: ReactNode;
  initialValues?: Partial<V>;
  onCancel(): void;
  /** Throwing keeps the modal open and shows the error (and any server field errors) in the form. */
  onSubmit(values: V): Promise<void>;
  children: ReactNode;
}

/** Modal + vertical Form with validation, pending state and server error display, shared by all dialogs. */
export function FormModal<V>({ open, title, okText, initialValues, onCancel, onSubmit, children }: FormModalProps<V>) {
  const [form] = Form.useForm<V>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<{ message: string; details: string[] } | null>(null);

  /** Puts server field errors under their inputs; those no input shows are returned for the banner. */
  function showFieldErrors(fields: FieldError[]): string[] {
    const inputs = new Set(form.getFieldsError().map((f) => String(f.name[0])));
    const inputOf = (f: FieldError) => f.path.split('.')[0] ?? '';
    const shown = fields.filter((f) => inputs.has(inputOf(f)));
    // Server paths are plain strings, not the form's typed field names.
    form.setFields(shown.map((f) => ({ name: inputOf(f), errors: [f.message] })) as Parameters<typeof form.setFields>[0]);
    return fields.filter((f) => !shown.includes(f)).map((f) => `${f.path}: ${f.message}`);
  }

  async function submit(values: V) {
    setSubmitting(true);
    setError(null);
    try {
      await onSubmit(values);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      setError({ message, details: e instanceof ApiError ? showFieldErrors(e.fields) : [] });
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={onCancel}
      afterClose={() => setError(null)}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initialValues} preserve={false} onFinish={submit}>
        <ErrorAlert error={error?.message} details={error?.details} />
        {children}
        {/* lets Enter in a text field submit the form */}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
