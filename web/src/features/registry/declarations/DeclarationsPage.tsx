import { useState } from 'react';
import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { DeclarationForm } from './DeclarationForm';
import { MyDeclarations, ReviewQueue } from './DeclarationLists';

export default function DeclarationsPage() {
  const { t } = useTranslation();
  const canReview = useAuth().can('declarations.review');
  const [tab, setTab] = useState('mine');
  const items = [
    { key: 'mine', label: t('declarations.mine'), children: <MyDeclarations /> },
    { key: 'new', label: t('declarations.new'), children: <DeclarationForm onSubmitted={() => setTab('mine')} /> },
    ...(canReview ? [{ key: 'review', label: t('declarations.reviewQueue'), children: <ReviewQueue /> }] : []),
  ];
  return (
    <Card title={t('declarations.title')}>
      <Tabs activeKey={tab} onChange={setTab} items={items} />
    </Card>
  );
}
