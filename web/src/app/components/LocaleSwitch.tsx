import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { currentLocale, setLocale } from '../i18n';

/** One click toggles between the two UI languages; the label names the language you switch to. */
export function LocaleSwitch() {
  const { t } = useTranslation();
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      data-testid="lang-switch"
      onClick={() => void setLocale(currentLocale() === 'en' ? 'zh-CN' : 'en')}
    >
      {t('lang.switchTo')}
    </Button>
  );
}
