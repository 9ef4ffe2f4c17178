import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, List, Spin, Tag, Typography } from 'antd';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useAuth, useMe } from '../../app/auth';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { ClientsCell, KEYS, RecusalDialog, RecusalsTable, usePeriod } from './shared';
import { MINE_API, type Mine, type Recusal, type RecusalAction } from './types';

/** 我的回避: what keeps me out of which clients today and why, my recusal records, the walls I sit behind; and asking to be recused. */
export default function MyRecusalsPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const me = useMe();
  const period = usePeriod();
  const [asking, setAsking] = useState(false);
  // Explanations come in the reader's language.
  const query = useQuery({ queryKey: [KEYS.mine, i18n.language], queryFn: () => api.get<Mine>(MINE_API) });
  // Only a request one made oneself, still undecided, may be withdrawn.
  const moves = (r: Recusal): RecusalAction[] => (r.status === 'requested' && r.requestedBy.id === me.id ? ['withdraw'] : []);

  if (query.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  const mine = query.data;
  return (
    <Flex vertical gap={16}>
      <Card
        title={t('recusal.mine.restrictions')}
        extra={can('recusals.request') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAsking(true)} data-testid="recusal-ask">{t('recusal.mine.request')}</Button>}
      >
        <ErrorAlert error={query.error} />
        {mine && mine.restrictions.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('recusal.mine.noRestrictions')} />
        ) : (
          <>
            <Alert type="warning" showIcon title={t('recusal.mine.restrictionsIntro')} style={{ marginBottom: 12 }} />
            <List
              data-testid="my-restrictions"
              dataSource={mine?.restrictions ?? []}
              renderItem={(r) => (
                <List.Item data-testid="my-restriction" data-cause={r.cause}>
                  <List.Item.Meta
                    avatar={<StopOutlined style={{ color: '#cf1322', fontSize: 18 }} />}
                    title={<>{r.clientName} <Tag color={r.cause === 'recused' ? 'volcano' : 'blue'}>{t(`recusal.cause.${r.cause}`)}</Tag></>}
                    description={<span data-testid="restriction-explanation">{r.explanation}</span>}
                  />
                </List.Item>
              )}
            />
          </>
        )}
      </Card>
      <Card title={t('recusal.mine.recusals')}>
        {mine && mine.recusals.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('recusal.mine.noRecusals')} />
        ) : (
          <RecusalsTable items={mine?.recusals} moves={moves} withUser={false} testId="my-recusals" />
        )}
      </Card>
      <Card title={t('recusal.mine.barriers')}>
        {mine && mine.barriers.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('recusal.mine.noBarriers')} />
        ) : (
          <List
            data-testid="my-barriers"
            dataSource={mine?.barriers ?? []}
            renderItem={(b) => (
              <List.Item>
                <List.Item.Meta
                  title={<>{b.name} <Typography.Text type="secondary">{period(b.startsOn, b.endsOn)}</Typography.Text></>}
                  description={<><ClientsCell record={b} /> — {b.reason}</>}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      {asking && <RecusalDialog forOthers={false} draft={{}} onClose={() => setAsking(false)} />}
    </Flex>
  );
}
