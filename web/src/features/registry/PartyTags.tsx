import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

interface Flags {
  isClient: boolean;
  isStaff: boolean;
  publicOfficial: boolean;
  endedAt?: string | null;
}

/** What makes a party matter for conflict checks, at a glance. */
export function PartyTags({ party }: { party: Flags }) {
  const { t } = useTranslation();
  return (
    <>
      {party.isClient && <Tag color="blue">{t('registry.tag.client')}</Tag>}
      {party.isStaff && <Tag color="green">{t('registry.tag.staff')}</Tag>}
      {party.publicOfficial && <Tag color="volcano">{t('registry.tag.publicOfficial')}</Tag>}
      {party.endedAt && <Tag>{t('registry.tag.ended')}</Tag>}
    </>
  );
}
