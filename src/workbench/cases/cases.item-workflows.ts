import {
  itemTypeCodes,
  onlineDepthCodes,
  resultTypeCodes,
  type ItemType,
  type OnlineDepthLevel,
  type ResultType,
  type ServiceItem,
} from '../../shared/catalog/index.ts';
import { WorkflowDefinitionError } from '../../shared/workflow/workflow.definition.ts';
import { caseWorkflows, type CaseWorkflowId, type CaseWorkflows } from './cases.workflows.ts';

// Which workflow a catalogue item's cases run under, as data: rules by online depth, result and item type,
// the first that matches wins. Checked when loaded, so a rule naming an unknown workflow or code, or a list
// that leaves some item without a workflow, stops the workbench from starting.

/** A rule of the mapping; every condition given must hold. The last rule must match every item. */
export interface ItemWorkflowRule {
  /** Named items only (a process particular to a few, such as approval at a higher level). */
  itemIds?: readonly string[];
  onlineDepthHas?: OnlineDepthLevel;
  onlineDepthLacks?: OnlineDepthLevel;
  resultType?: ResultType;
  itemType?: ItemType;
  workflow: CaseWorkflowId;
}

export const itemWorkflowRules: readonly ItemWorkflowRule[] = [
  // 网上预审 without online acceptance: the case is pre-reviewed online and ends in one visit.
  {
    onlineDepthHas: 'online-pre-review',
    onlineDepthLacks: 'online-acceptance',
    workflow: 'case-pre-application',
  },
  { resultType: 'filing-receipt', workflow: 'case-filing' },
  // Dangerous goods licences a sub-bureau accepts and reviews, approved at the city bureau (审批在市局).
  {
    itemIds: ['fireworks-road-transport-licence', 'toxic-chemical-purchase-licence'],
    workflow: 'case-licence-city',
  },
  { itemType: 'licensing', workflow: 'case-licence' },
  { workflow: 'case-certificate' },
];

/** Checks a mapping when it is loaded: known codes and workflows, and a last rule that catches every item. */
export function checkItemWorkflowRules(rules: readonly ItemWorkflowRule[], workflows: CaseWorkflows): void {
  const problems: string[] = [];
  const known = workflows.ids();
  rules.forEach((r, i) => {
    if (!known.includes(r.workflow)) problems.push(`rule ${i + 1}: unknown workflow ${r.workflow}`);
    for (const level of [r.onlineDepthHas, r.onlineDepthLacks])
      if (level && !onlineDepthCodes.includes(level)) problems.push(`rule ${i + 1}: unknown depth ${level}`);
    if (r.resultType && !resultTypeCodes.includes(r.resultType))
      problems.push(`rule ${i + 1}: unknown result type ${r.resultType}`);
    if (r.itemType && !itemTypeCodes.includes(r.itemType))
      problems.push(`rule ${i + 1}: unknown item type ${r.itemType}`);
  });
  const last = rules.at(-1);
  if (
    !last ||
    last.itemIds ||
    last.onlineDepthHas ||
    last.onlineDepthLacks ||
    last.resultType ||
    last.itemType
  )
    problems.push('the last rule must match every item');
  if (problems.length > 0)
    throw new WorkflowDefinitionError(`item-to-workflow mapping is not valid:\n- ${problems.join('\n- ')}`);
}
checkItemWorkflowRules(itemWorkflowRules, caseWorkflows);

export function workflowForItem(
  item: Pick<ServiceItem, 'id' | 'itemType' | 'onlineDepth' | 'result'>,
  rules: readonly ItemWorkflowRule[] = itemWorkflowRules,
): CaseWorkflowId {
  const levels = item.onlineDepth.levels;
  const rule = rules.find(
    (r) =>
      (!r.itemIds || r.itemIds.includes(item.id)) &&
      (!r.onlineDepthHas || levels.includes(r.onlineDepthHas)) &&
      (!r.onlineDepthLacks || !levels.includes(r.onlineDepthLacks)) &&
      (!r.resultType || item.result.type === r.resultType) &&
      (!r.itemType || item.itemType === r.itemType),
  );
  if (!rule) throw new WorkflowDefinitionError('no workflow rule matches the item');
  return rule.workflow;
}
