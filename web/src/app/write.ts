import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';

/**
 * Runs one write, says so and refreshes what it changed. A 409 (someone acted first, a stale
 * version) is not the user's to fix in the dialog: it shows the server's message and reloads.
 */
export function useWrite(refresh: () => Promise<unknown>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return async <T,>(run: () => Promise<T>, done: string = t('common.saved')): Promise<T | null> => {
    try {
      const result = await run();
      message.success(done);
      await refresh();
      return result;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        message.error(e.message);
        await refresh();
        return null;
      }
      throw e;
    }
  };
}
