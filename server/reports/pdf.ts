// The bulletin as a PDF (pdfkit, A4 landscape, the Chinese font embedded): the ranking with every indicator
// and the change from the last period, the top problems, and the good and bad examples with snapshots.
import PDFDocument from 'pdfkit';
import { shanghaiDateOf } from '../../analytics/calendar';
import { INDICATOR_COLUMNS, unitWord, type BulletinContent } from './content';
import { CHINESE_FONT } from './fonts';

const MARGIN = 36;
/** The full-width space that separates items on a line of Chinese text. */
const IDEOGRAPHIC_SPACE = '\u3000';
const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const signed = (value: number | null, digits = 2) => (value === null ? '—' : `${value > 0 ? '+' : ''}${value.toFixed(digits)}`);

export async function renderBulletinPdf(content: BulletinContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    info: { Title: content.title, Author: content.node.name, Subject: '通报', CreationDate: content.generatedAt },
  });
  doc.registerFont('zh', CHINESE_FONT.regular);
  doc.registerFont('zh-bold', CHINESE_FONT.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const { assessment } = content;
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;

  doc.font('zh-bold').fontSize(18).text(content.title, { align: 'center' });
  doc
    .font('zh')
    .fontSize(10)
    .text(
      `评价期间：${assessment.period.from} 至 ${assessment.period.to}${IDEOGRAPHIC_SPACE}对比上期：${assessment.previousPeriod.label.zh}${IDEOGRAPHIC_SPACE}生成日期：${shanghaiDateOf(content.generatedAt)}`,
      { align: 'center' },
    );
  doc.moveDown();

  // 一、综合排名 — every indicator as a rate, the score and its change.
  doc
    .font('zh-bold')
    .fontSize(13)
    .text(`一、${unitWord(assessment.level)}综合排名`);
  doc.moveDown(0.3);
  const columns = [
    { label: '排名', width: 30 },
    { label: unitWord(assessment.level), width: 118 },
    { label: '得分', width: 40 },
    { label: '较上期', width: 44 },
    ...INDICATOR_COLUMNS.map((column) => ({ label: column.label, width: (width - 232) / INDICATOR_COLUMNS.length })),
  ];
  const row = (cells: string[], bold = false) => {
    doc.font(bold ? 'zh-bold' : 'zh').fontSize(8);
    const heights = cells.map((cell, index) => doc.heightOfString(cell, { width: columns[index]!.width - 4 }));
    const height = Math.max(...heights) + 6;
    if (doc.y + height > bottom()) doc.addPage();
    const top = doc.y;
    let x = MARGIN;
    cells.forEach((cell, index) => {
      doc.text(cell, x + 2, top + 3, { width: columns[index]!.width - 4, align: index === 1 ? 'left' : 'center' });
      x += columns[index]!.width;
    });
    doc
      .moveTo(MARGIN, top + height)
      .lineTo(MARGIN + width, top + height)
      .lineWidth(0.4)
      .strokeColor('#999999')
      .stroke();
    doc.x = MARGIN;
    doc.y = top + height;
  };
  row(
    columns.map((column) => column.label),
    true,
  );
  for (const unit of assessment.units) {
    const rates = new Map(unit.indicators.map((indicator) => [indicator.code, indicator.rate]));
    row([
      unit.rank === null ? '—' : String(unit.rank),
      unit.name,
      unit.score === null ? '—' : unit.score.toFixed(2),
      signed(unit.scoreDelta),
      ...INDICATOR_COLUMNS.map((column) => percent(rates.get(column.code) ?? null)),
    ]);
  }
  doc.moveDown();

  // 二、突出问题
  doc.font('zh-bold').fontSize(13).text('二、突出问题（预警与整改任务按类别）', MARGIN);
  doc.font('zh').fontSize(10);
  if (content.problems.length === 0) doc.text('本期无预警与整改任务。');
  content.problems.forEach((problem, index) =>
    doc.text(`${index + 1}. ${problem.label}：预警 ${problem.alerts} 起，整改任务 ${problem.tasks} 件`),
  );
  doc.moveDown();

  // 三、典型
  doc.font('zh-bold').fontSize(13).text('三、正反典型', MARGIN);
  if (content.examples.length === 0) doc.font('zh').fontSize(10).text('本期各单位得分相同或缺少数据，不作表扬与批评。');
  for (const example of content.examples) {
    if (doc.y + 60 > bottom()) doc.addPage();
    const heading = example.kind === 'good' ? '表扬' : '通报批评';
    doc
      .font('zh-bold')
      .fontSize(11)
      .text(`${heading}：${example.name}（第 ${example.rank ?? '—'} 名，得分 ${example.score?.toFixed(2) ?? '—'}）`);
    doc
      .font('zh')
      .fontSize(10)
      .text(example.highlights.map((item) => `${item.label} ${percent(item.rate)}`).join('；') || '无可评指标');
    for (const snapshot of example.snapshots) {
      if (doc.y + 170 > bottom()) doc.addPage();
      const top = doc.y + 4;
      doc.image(snapshot.image, MARGIN, top, { fit: [240, 150] });
      doc.text(`${snapshot.label}${IDEOGRAPHIC_SPACE}${shanghaiDateOf(snapshot.at)}`, MARGIN + 250, top + 4, { width: width - 250 });
      doc.x = MARGIN;
      doc.y = top + 158;
    }
    doc.moveDown(0.5);
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
