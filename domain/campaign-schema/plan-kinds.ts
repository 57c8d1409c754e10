/**
 * The kinds of document a campaign's plan can be, by code, with the name the document itself
 * carries (a secretariat writes "Kế hoạch số 67-KH/TU", "Công văn số 71-CV/BCĐ"). Without zod: the
 * workflows' messages name the plan's kind, and a module the workflow bundle imports is evaluated
 * again for every workflow the worker caches (issue 17: zod's schemas cost ~1 MB per workflow).
 */
export const PLAN_KIND_NAMES = {
  'ke-hoach': 'Kế hoạch',
  'huong-dan': 'Hướng dẫn',
  'cong-van': 'Công văn',
  'thong-bao': 'Thông báo',
  'chi-thi': 'Chỉ thị',
  'quyet-dinh': 'Quyết định',
  'nghi-quyet': 'Nghị quyết',
} as const;
export type PlanKind = keyof typeof PLAN_KIND_NAMES;
