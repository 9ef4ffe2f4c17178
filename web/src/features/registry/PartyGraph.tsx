import { useMemo } from 'react';
import { Alert, Card, Empty, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { GraphChart } from 'echarts/charts';
import * as echarts from 'echarts/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../app/api';
import { EChart } from '../../app/components/EChart';
import { ErrorAlert } from '../../app/components/ErrorAlert';
import { KEYS } from './queries';
import { partyApi, partyPath, type Graph, type GraphNode, type Relationship } from './types';

echarts.use([GraphChart]);

const CATEGORIES = ['self', 'client', 'staff', 'publicOfficial', 'person', 'org'] as const;
const COLORS: Record<(typeof CATEGORIES)[number], string> = {
  self: '#722ed1',
  client: '#1677ff',
  staff: '#52c41a',
  publicOfficial: '#fa541c',
  person: '#faad14',
  org: '#8c8c8c',
};

// The first that applies: what matters most for a conflict check wins the colour.
function categoryOf(node: GraphNode): number {
  const category = node.depth === 0 ? 'self' : node.isClient ? 'client' : node.isStaff ? 'staff' : node.publicOfficial ? 'publicOfficial' : node.kind;
  return CATEGORIES.indexOf(category);
}

const edgeLabel = (t: TFunction, e: Relationship) => `${t(`registry.relType.${e.type}`)}${e.percentage ? ` ${e.percentage}` : ''}`;

function graphOption(graph: Graph, t: TFunction) {
  return {
    tooltip: {},
    legend: { data: CATEGORIES.map((c) => t(`registry.graphCategory.${c}`)), bottom: 0 },
    series: [
      {
        type: 'graph',
        layout: 'force',
        roam: true,
        draggable: true,
        autoCurveness: true,
        force: { repulsion: 900, edgeLength: [150, 260], gravity: 0.04 },
        categories: CATEGORIES.map((c) => ({ name: t(`registry.graphCategory.${c}`), itemStyle: { color: COLORS[c] } })),
        data: graph.nodes.map((n) => ({
          id: n.id,
          name: n.name,
          category: categoryOf(n),
          symbol: n.kind === 'org' ? 'roundRect' : 'circle',
          symbolSize: n.depth === 0 ? 44 : 30 - n.depth * 4,
          tooltip: { formatter: `${n.name}（${t(`registry.kind.${n.kind}`)}）` },
        })),
        links: graph.edges.map((e) => ({
          source: e.from.id,
          target: e.to.id,
          label: { show: true, formatter: edgeLabel(t, e), fontSize: 11 },
          tooltip: { formatter: `${e.from.name} → ${edgeLabel(t, e)} → ${e.to.name}` },
          lineStyle: { type: e.type === 'same_address' || e.type === 'same_phone' ? 'dashed' : 'solid' },
        })),
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 7,
        label: { show: true, position: 'bottom' },
        lineStyle: { color: 'source', opacity: 0.7, width: 1.5 },
        emphasis: { focus: 'adjacency' },
      },
    ],
  };
}

/** The party's network two hops out; clicking a node opens that party. */
export function PartyGraph({ partyId }: { partyId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const graph = useQuery({ queryKey: [KEYS.graph, partyId], queryFn: () => api.get<Graph>(partyApi(partyId, '/graph'), { hops: 2 }) });
  const option = useMemo(() => graph.data && graphOption(graph.data, t), [graph.data, t]);

  return (
    <Card title={t('parties.graph')}>
      <ErrorAlert error={graph.error} />
      {graph.data?.truncated && <Alert type="info" showIcon title={t('parties.graphTruncated')} style={{ marginBottom: 12 }} />}
      {graph.isPending && <Spin />}
      {graph.data && graph.data.edges.length === 0 && <Empty description={t('parties.graphEmpty')} />}
      {option && graph.data && graph.data.edges.length > 0 && (
        <EChart
          option={option}
          height={460}
          onClick={(p) => {
            const id = (p.data as { id?: string } | undefined)?.id;
            if (p.dataType === 'node' && id && id !== partyId) navigate(partyPath(id));
          }}
        />
      )}
    </Card>
  );
}
