import { useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Flex, Input, Row, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { PathChain } from '../conflicts/PathChain';
import { checkPath } from '../conflicts/types';
import { clientApi, clientPath, partyPath, type ClientDetail } from '../registry/types';
import { SUGGESTIONS_API, type Suggestion } from '../recusal/types';
import { CaseButtons, subjectOptions, useCaseAbilities, useCaseDialogs } from './CaseActions';
import { CaseFiles } from './CaseFiles';
import { CaseViolations } from './CaseViolations';
import { useCase, useCaseWrite, useTaxonomyOptions } from './queries';
import { CaseStateTag, DueTag, MitigationStatusTag, SeverityTag } from './Tags';
import { caseApi, checkEvidence, type CaseDetail, type Mitigation, type TimelineEvent } from './types';

/**
 * Names of the people and clients the case's mitigations name: its subjects' names, and for anyone
 * else (a colleague added to a recusal) the registry's or the user list's answer.
 */
function useNames(c: CaseDetail | undefined): (id: string) => string {
  const { can } = useAuth();
  const known = new Map<string, string>();
  for (const s of c?.subjects ?? []) {
    if (s.userId && s.name) known.set(s.userId, s.name);
    if (s.clientId && s.name) known.set(s.clientId, s.name);
  }
  const staff = [...new Set((c?.mitigations ?? []).flatMap((m) => m.staffIds))].filter((id) => !known.has(id));
  const clients = [...new Set((c?.mitigations ?? []).flatMap((m) => m.clientIds))].filter((id) => !known.has(id));
  const users = useQueries({
    queries: staff.map((id) => ({
      queryKey: ['users', id],
      queryFn: async () => (await api.get<{ user: { displayName: string } }>(`/api/users/${encodeURIComponent(id)}`)).user.displayName,
      enabled: can('users.read'),
      staleTime: 5 * 60_000,
    })),
  });
  const found = useQueries({ queries: clients.map((id) => ({ queryKey: ['registry-client', id], queryFn: () => api.get<ClientDetail>(clientApi(id)), staleTime: 60_000 })) });
  staff.forEach((id, i) => users[i]?.data && known.set(id, users[i].data));
  clients.forEach((id, i) => found[i]?.data && known.set(id, found[i].data.party.name));
  return (id) => known.get(id) ?? id.slice(0, 8);
}

function Summary({ c, onAssign }: { c: CaseDetail; onAssign?(): void }) {
  const { t } = useTranslation();
  const matters = useTaxonomyOptions('subjectMatters', true);
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2, xl: 3 }}
      data-testid="case-summary"
      items={[
        { key: 'kind', label: t('cases.list.kind'), children: c.kindLabel },
        { key: 'matters', label: t('cases.report.subjectMatters'), children: c.subjectMatters.map((m) => matters.label(m)).join('、') || t('common.none') },
        { key: 'source', label: t('cases.list.source'), children: t(`cases.source.${c.source}`) },
        { key: 'reporter', label: t('cases.detail.reporter'), children: c.reportedBy?.displayName ?? t('cases.detail.anonymous') },
        {
          key: 'responsible',
          label: t('cases.list.responsible'),
          children: (
            <Space>
              <span data-testid="case-responsible">{c.responsible?.displayName ?? t('cases.unassigned')}</span>
              {onAssign && <Typography.Link onClick={onAssign}>{t('cases.assign.button')}</Typography.Link>}
            </Space>
          ),
        },
        { key: 'stage', label: t('cases.detail.stageEnteredOn'), children: c.stageEnteredOn },
        { key: 'due', label: t('cases.list.due'), children: <DueTag c={c} /> },
        { key: 'review', label: t('cases.detail.nextReview'), children: c.nextReviewOn ?? t('common.none') },
        { key: 'created', label: t('cases.list.createdAt'), children: formatDateTime(c.createdAt) },
        ...(c.closedAt ? [{ key: 'closed', label: t('cases.detail.closedAt'), children: formatDateTime(c.closedAt) }] : []),
        { key: 'description', label: t('cases.report.description'), span: 'filled' as const, children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }} data-testid="case-description">{c.description}</Typography.Text> },
        ...(c.assessment
          ? [
              { key: 'impact', label: t('cases.move.impact'), span: 'filled' as const, children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{c.assessment.impact}</Typography.Text> },
              { key: 'assessment', label: t('cases.move.assessment'), span: 'filled' as const, children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{c.assessment.assessment}</Typography.Text> },
            ]
          : []),
      ]}
    />
  );
}

/** Who and what the case names: clients, members of staff (any subject with an account) and other parties. */
function Subjects({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const clients = c.subjects.filter((s) => s.clientId);
  const staff = c.subjects.filter((s) => !s.clientId && s.userId);
  const parties = c.subjects.filter((s) => !s.clientId && !s.userId && s.partyId);
  const group = (label: string, testId: string, items: typeof c.subjects, link: (s: (typeof c.subjects)[number]) => string | null, color: string) => (
    <div data-testid={testId}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <div style={{ marginTop: 4 }}>
        {items.length === 0 ? (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ) : (
          items.map((s) => {
            const to = link(s);
            const name = s.name ?? t('common.none');
            return (
              <Tag key={s.id} color={color} style={{ marginBottom: 4 }} data-testid="case-subject">
                {to ? <Link to={to}>{name}</Link> : name}
              </Tag>
            );
          })
        )}
      </div>
    </div>
  );
  return (
    <Flex vertical gap={12}>
      {group(t('cases.detail.clients'), 'subjects-clients', clients, (s) => clientPath(s.clientId!), 'blue')}
      {group(t('cases.detail.staff'), 'subjects-staff', staff, (s) => (s.partyId ? partyPath(s.partyId) : null), 'green')}
      {group(t('cases.detail.parties'), 'subjects-parties', parties, (s) => partyPath(s.partyId!), 'default')}
    </Flex>
  );
}

/** The conflict-check hit the case was opened from, its path drawn as it was found. */
function Evidence({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const evidence = checkEvidence(c.evidence);
  if (!evidence) return null;
  return (
    <Card size="small" title={t('cases.detail.evidence')} data-testid="case-evidence">
      <Typography.Paragraph type="secondary">
        {t('cases.detail.evidenceFrom')} <Link to={checkPath(evidence.checkId)}>{evidence.checkRef}</Link>
      </Typography.Paragraph>
      {evidence.path ? <PathChain start={{ id: evidence.partyId, name: evidence.partyName }} path={evidence.path} /> : <Typography.Text>{t('cases.detail.evidenceDirect', { name: evidence.partyName })}</Typography.Text>}
    </Card>
  );
}

/**
 * What the registry graph says ties the case's staff to clients (the recusal rules' suggestions, in
 * words: 李娜 —配偶— 张建华 —董事→ 上海鼎盛…): for the case's clients, or any client when it names none.
 * Pairs already recused are no longer suggested.
 */
function GraphLinks({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const { staff, clients } = subjectOptions(c);
  const answers = useQueries({
    queries: staff.map((s) => ({
      // Not under the case's keys: a move on the case does not change the graph, and asking it again is slow.
      queryKey: ['recusal-suggestions', s.value, i18n.language],
      queryFn: () => api.get<{ items: Suggestion[] }>(SUGGESTIONS_API, { userId: s.value }),
      staleTime: 60_000,
    })),
  });
  const wanted = new Set(clients.map((o) => o.value));
  const found = answers.flatMap((a) => a.data?.items ?? []).filter((s) => wanted.size === 0 || wanted.has(s.client.id));
  if (staff.length === 0 || (found.length === 0 && answers.every((a) => !a.isPending))) return null;
  return (
    <Card size="small" title={t('cases.detail.graph')} data-testid="case-graph">
      {answers.some((a) => a.isPending) && <Spin size="small" />}
      {found.map((s) => (
        <div key={`${s.staffPartyId}:${s.client.id}`} style={{ marginBottom: 8 }} data-testid="graph-link">
          <Typography.Text strong>{s.user?.displayName} → {s.client.name}</Typography.Text>
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {s.explanation.map((line) => (
              <li key={line}><Typography.Text type="secondary">{line}</Typography.Text></li>
            ))}
          </ul>
        </div>
      ))}
    </Card>
  );
}

function Mitigations({ c, names, onInEffect }: { c: CaseDetail; names(id: string): string; onInEffect?(m: Mitigation): void }) {
  const { t } = useTranslation();
  const rows = c.mitigations.filter((m) => m.status !== 'lifted');
  const lifted = c.mitigations.length - rows.length;
  if (c.mitigations.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.mitigation.none')} />;
  return (
    <>
      <Table<Mitigation>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        data-testid="mitigations"
        onRow={(m) => ({ 'data-kind': m.kind }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('cases.mitigation.kind'), dataIndex: 'kindLabel', width: 140 },
          {
            title: t('cases.mitigation.whom'),
            key: 'whom',
            render: (_, m) => (
              <Flex vertical gap={2}>
                {m.staffIds.length > 0 && <span>{t('cases.mitigation.staff')}：{m.staffIds.map(names).join('、')}</span>}
                {m.clientIds.length > 0 && <span>{t('cases.mitigation.clients')}：{m.clientIds.map(names).join('、')}</span>}
                {m.description && <Typography.Text type="secondary">{m.description}</Typography.Text>}
                {(m.consents ?? []).map((x) => (
                  <Typography.Text key={x.clientId} type="success">{t('cases.mitigation.consent', { client: names(x.clientId), who: x.consentedBy, date: x.consentedOn })}</Typography.Text>
                ))}
                {m.recordIds.length > 0 && <Typography.Text type="success" data-testid="mitigation-records">{t('cases.mitigation.records', { n: m.recordIds.length })}</Typography.Text>}
                {m.note && <Typography.Text type="success">{m.note}</Typography.Text>}
              </Flex>
            ),
          },
          { title: t('cases.mitigation.statusLabel'), key: 'status', width: 150, render: (_, m) => <Space size={4}><MitigationStatusTag status={m.status} />{m.inEffectOn}</Space> },
          ...(onInEffect
            ? [{
                title: t('common.actions'),
                key: 'actions',
                width: 110,
                render: (_: unknown, m: Mitigation) =>
                  m.status === 'planned' && (
                    <Button size="small" type="primary" onClick={() => onInEffect(m)} data-testid="mitigation-in-effect">
                      {t('cases.inEffect.button')}
                    </Button>
                  ),
              }]
            : []),
        ]}
      />
      {lifted > 0 && <Typography.Text type="secondary">{t('cases.mitigation.liftedCount', { n: lifted })}</Typography.Text>}
    </>
  );
}

/** A timeline line's facts beyond its comment: the severity, a reason or finding, review dates. */
function eventFacts(e: TimelineEvent): string[] {
  const d = (e.details ?? {}) as Record<string, unknown>;
  return ['reason', 'finding', 'impact', 'note', 'fileName'].flatMap((k) => (typeof d[k] === 'string' && d[k] ? [d[k] as string] : [])).concat(Array.isArray(d.reviewDates) ? [(d.reviewDates as string[]).join('、')] : []);
}

function CaseTimeline({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const write = useCaseWrite();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [sending, setSending] = useState(false);
  const send = async () => {
    setSending(true);
    setError(null);
    try {
      if (await write(() => api.post(caseApi(c.id, '/comments'), { comment: comment.trim() }), t('cases.timeline.commented'))) setComment('');
    } catch (e) {
      setError(e as Error);
    } finally {
      setSending(false);
    }
  };
  return (
    <>
      <Timeline
        data-testid="case-timeline"
        items={c.timeline.map((e) => ({
          key: e.id,
          color: e.kind === 'comment' ? 'gray' : e.toState === 'closed' ? 'green' : 'blue',
          title: formatDateTime(e.at),
          content: (
            <div data-testid="timeline-event" data-kind={e.kind}>
              <Typography.Text strong>{t(`cases.timeline.kind.${e.kind}` as 'cases.timeline.kind.open', { defaultValue: t(`cases.event.${e.kind}` as 'cases.event.assess', { defaultValue: e.kind }) })}</Typography.Text>
              {' · '}
              {e.actor?.displayName ?? t('cases.timeline.system')}
              {e.toState && e.fromState !== e.toState && (
                <Typography.Text type="secondary">
                  {'  '}
                  {e.fromState ? `${t(`cases.state.${e.fromState}`)} → ` : ''}
                  {t(`cases.state.${e.toState}`)}
                </Typography.Text>
              )}
              {eventFacts(e).map((line) => (
                <div key={line}><Typography.Text type="secondary">{line}</Typography.Text></div>
              ))}
              {e.comment && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>“{e.comment}”</Typography.Paragraph>}
            </div>
          ),
        }))}
      />
      <ErrorAlert error={error} />
      <Flex vertical gap={8}>
        <Input.TextArea rows={2} maxLength={4000} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('cases.timeline.commentPlaceholder')} data-testid="case-comment" />
        <div>
          <Button onClick={() => void send()} disabled={!comment.trim()} loading={sending} data-testid="case-comment-send">
            {t('cases.timeline.comment')}
          </Button>
        </div>
      </Flex>
    </>
  );
}

function Reviews({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={c.reviews}
      columns={[
        { title: t('cases.review.dueOn'), dataIndex: 'dueOn', width: 110 },
        { title: t('cases.review.reviewedOn'), dataIndex: 'reviewedOn', width: 110, render: (v: string | null) => v ?? t('cases.review.pending') },
        {
          title: t('cases.review.outcome'),
          dataIndex: 'outcome',
          render: (v: string | null, r) => [v && t(`cases.review.outcomes.${v}` as 'cases.review.outcomes.holds', { defaultValue: v }), r.comment].filter(Boolean).join(' — ') || t('common.none'),
        },
        { title: t('cases.review.reviewer'), key: 'reviewer', width: 100, render: (_, r) => r.reviewer?.displayName ?? t('common.none') },
      ]}
    />
  );
}

/** One case: where it stands, whom it names, the evidence, its mitigations and its history, and what the reader may do. */
export default function CasePage() {
  const { id } = useParams();
  const query = useCase(id);
  const names = useNames(query.data);
  const dialogs = useCaseDialogs(query.data, names);

  if (query.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (query.error && !query.data) return <ErrorAlert error={query.error} />;
  return <CaseView c={query.data!} error={query.error} names={names} dialogs={dialogs} />;
}

function CaseView({ c, error, names, dialogs }: { c: CaseDetail; error: Error | null; names(id: string): string; dialogs: ReturnType<typeof useCaseDialogs> }) {
  const { t } = useTranslation();
  const abilities = useCaseAbilities(c);
  const { can } = useAuth();
  const canReadAll = can('cases.read_all');
  const canManageRecusals = can('recusals.manage');
  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex align="center" gap={8} wrap>
            <span data-testid="case-ref">{c.ref}</span>
            <Typography.Text style={{ fontWeight: 'normal' }} data-testid="case-title">{c.title}</Typography.Text>
            <CaseStateTag state={c.state} />
            <SeverityTag severity={c.severity} />
          </Flex>
        }
        extra={<CaseButtons c={c} onOpen={dialogs.open} />}
      >
        <ErrorAlert error={error} />
        <Summary c={c} onAssign={abilities.mayAssign && c.state !== 'closed' ? () => dialogs.open({ kind: 'assign' }) : undefined} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('cases.detail.subjects')}>
              <Subjects c={c} />
            </Card>
            <Evidence c={c} />
            {canManageRecusals && <GraphLinks c={c} />}
            <Card size="small" title={t('cases.detail.mitigations')}>
              <Mitigations c={c} names={names} onInEffect={abilities.mayPutInEffect ? (mitigation) => dialogs.open({ kind: 'inEffect', mitigation }) : undefined} />
            </Card>
            <Card size="small" title={t('cases.attachments.title')}>
              <CaseFiles caseId={c.id} />
            </Card>
            {c.reviews.length > 0 && (
              <Card size="small" title={t('cases.detail.reviews')}>
                <Reviews c={c} />
              </Card>
            )}
          </Flex>
        </Col>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('cases.detail.timeline')}>
              <CaseTimeline c={c} />
            </Card>
            {canReadAll && <CaseViolations c={c} />}
          </Flex>
        </Col>
      </Row>
      {dialogs.dialog}
    </Flex>
  );
}
