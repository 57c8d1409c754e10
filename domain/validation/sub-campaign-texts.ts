/** The words of a sub-campaign's validation problems (merged into `texts.ts`'s tables). */

export const subCampaignEn = {
  parentIsSelf: (p: { id: string }) =>
    `a campaign cannot be its own parent ("${p.id}"); write the id of the campaign above it, e.g. parent: { campaign: bo-tttt-2014-2015, unit: vnpt }`,
  subCampaignWithoutSynthesis: (p: { unit: string }) =>
    `a sub-campaign needs a synthesis phase: its approved synthesis report (with its units' nominations) is what goes up as unit "${p.unit}"'s submission — add a phase "- kind: synthesis"`,
};

type SubCampaignTexts = { [K in keyof typeof subCampaignEn]: (p: Parameters<(typeof subCampaignEn)[K]>[0]) => string };

export const subCampaignVi: SubCampaignTexts = {
  parentIsSelf: (p) =>
    `một đợt không thể là đợt cấp trên của chính nó ("${p.id}"); hãy ghi mã đợt cấp trên, ví dụ parent: { campaign: bo-tttt-2014-2015, unit: vnpt }`,
  subCampaignWithoutSynthesis: (p) =>
    `đợt con cần có giai đoạn tổng hợp: báo cáo tổng hợp được phê duyệt (cùng đề nghị khen thưởng của các đơn vị) là hồ sơ nộp lên thay cho đơn vị "${p.unit}" — hãy thêm giai đoạn "- kind: synthesis"`,
};
