// The bulletin as a workbook (exceljs): the ranking with every indicator as a number (rates formatted as
// percentages, so the cells can be computed with), the counts behind each rate, and the top problems.
import ExcelJS from 'exceljs';
import { INDICATOR_COLUMNS, unitWord, type BulletinContent } from './content';

export async function renderBulletinXlsx(content: BulletinContent): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = content.node.name;
  workbook.created = content.generatedAt;
  const { assessment } = content;
  const unit = unitWord(assessment.level);

  const ranking = workbook.addWorksheet('排名');
  ranking.addRow([content.title]);
  ranking.addRow(['评价期间', assessment.period.from, assessment.period.to, '上期', assessment.previousPeriod.id]);
  ranking.addRow(['排名', '代码', unit, '得分', '较上期', '上期排名', ...INDICATOR_COLUMNS.map((column) => column.label)]);
  for (const item of assessment.units) {
    const rates = new Map(item.indicators.map((indicator) => [indicator.code, indicator.rate]));
    const row = ranking.addRow([
      item.rank,
      item.id,
      item.name,
      item.score,
      item.scoreDelta,
      item.previous?.rank ?? null,
      ...INDICATOR_COLUMNS.map((column) => rates.get(column.code) ?? null),
    ]);
    for (let index = 0; index < INDICATOR_COLUMNS.length; index++) row.getCell(7 + index).numFmt = '0.0%';
  }
  ranking.getRow(3).font = { bold: true };
  ranking.columns.forEach((column, index) => (column.width = index === 2 ? 28 : 12));

  const counts = workbook.addWorksheet('指标明细');
  counts.addRow(['代码', unit, '指标', '分子', '分母', '比率', '权重', '得分贡献']);
  for (const item of assessment.units)
    for (const indicator of item.indicators)
      counts.addRow([
        item.id,
        item.name,
        INDICATOR_COLUMNS.find((column) => column.code === indicator.code)!.label,
        indicator.numerator,
        indicator.denominator,
        indicator.rate,
        indicator.weight,
        indicator.points,
      ]);
  counts.getRow(1).font = { bold: true };

  const problems = workbook.addWorksheet('突出问题');
  problems.addRow(['类别', '代码', '预警', '整改任务']);
  for (const problem of content.problems) problems.addRow([problem.label, problem.category, problem.alerts, problem.tasks]);
  problems.getRow(1).font = { bold: true };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
