import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';

// Mirrors the server's minimum so the user hears about it before submitting.
const PASSWORD_MIN_LENGTH = 10;

export function newPasswordRules(t: TFunction): Rule[] {
  return [{ required: true }, { min: PASSWORD_MIN_LENGTH, message: t('auth.passwordMin', { min: PASSWORD_MIN_LENGTH }) }];
}
