import { Card, Descriptions, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth';
import { departmentName } from '../../app/format';
import { RoleTags } from '../../app/components/RoleTags';

export default function HomePage() {
  const { t } = useTranslation();
  const me = useMe();

  return (
    <Flex vertical gap={24} style={{ maxWidth: 960 }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>{t('home.greeting', { name: me.displayName })}</Typography.Title>
        <Descriptions
          column={1}
          items={[
            { key: 'department', label: t('home.department'), children: me.department ? departmentName(me.department) : t('home.noDepartment') },
            { key: 'roles', label: t('home.roles'), children: <RoleTags roles={me.roles} /> },
          ]}
        />
      </Card>
      <Card title={t('home.aboutTitle')}>
        <Typography.Paragraph>{t('home.about1')}</Typography.Paragraph>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('home.about2')}</Typography.Paragraph>
      </Card>
    </Flex>
  );
}
