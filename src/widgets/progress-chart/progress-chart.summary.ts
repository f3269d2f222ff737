/**
 * The generated text summary that names the canvas ("Dịch vụ công mức 4: đạt 72%, chỉ tiêu 100% đến
 * 2025"). Part of the lazily loaded chart chunk: only the canvas needs it (the table speaks for itself).
 */
import type { Strings } from '../../core/i18n.js';
import type { ChartData, Formatters } from './progress-chart.data.js';

interface SummaryStrings {
  illustrative: string;
  reached: (value: string, target: string, deadline: string) => string;
  reference: (who: string, target: string, deadline: string) => string;
  trend: (first: string, firstPeriod: string, last: string, lastPeriod: string) => string;
  targetLine: (value: string, who: string, deadline: string) => string;
  compare: (top: string, topValue: string, bottom: string, bottomValue: string) => string;
  compareTarget: (met: number, total: number, target: string, deadline: string) => string;
  met: string;
  notMet: string;
  noFigure: string;
  keys: string;
}

export const summaryStrings: Strings<SummaryStrings> = {
  vi: {
    illustrative: 'Số liệu minh họa',
    reached: (value, target, deadline) => `đạt ${value}, chỉ tiêu ${target}${deadline ? ` đến ${deadline}` : ''}`,
    reference: (who, target, deadline) => ` (${who ? `${who} ` : ''}${target}${deadline ? ` đến ${deadline}` : ''})`,
    trend: (first, firstPeriod, last, lastPeriod) => `từ ${first} (${firstPeriod}) đến ${last} (${lastPeriod})`,
    targetLine: (value, who, deadline) => `${who || 'Chỉ tiêu'} ${value}${deadline ? ` đến ${deadline}` : ''}`,
    compare: (top, topValue, bottom, bottomValue) => `cao nhất ${top} ${topValue}, thấp nhất ${bottom} ${bottomValue}`,
    compareTarget: (met, total, target, deadline) =>
      `${met}/${total} đơn vị đạt chỉ tiêu ${target}${deadline ? ` (đến ${deadline})` : ''}`,
    met: 'đạt chỉ tiêu',
    notMet: 'chưa đạt chỉ tiêu',
    noFigure: 'chưa có số liệu',
    keys: 'Dùng phím mũi tên để nghe từng số liệu.',
  },
  en: {
    illustrative: 'Illustrative data',
    reached: (value, target, deadline) => `${value} reached, target ${target}${deadline ? ` by ${deadline}` : ''}`,
    reference: (who, target, deadline) => ` (${who ? `${who} ` : ''}${target}${deadline ? ` by ${deadline}` : ''})`,
    trend: (first, firstPeriod, last, lastPeriod) => `from ${first} (${firstPeriod}) to ${last} (${lastPeriod})`,
    targetLine: (value, who, deadline) => `${who || 'Target'} ${value}${deadline ? ` by ${deadline}` : ''}`,
    compare: (top, topValue, bottom, bottomValue) => `highest ${top} ${topValue}, lowest ${bottom} ${bottomValue}`,
    compareTarget: (met, total, target, deadline) =>
      `${met} of ${total} units meet the target of ${target}${deadline ? ` (by ${deadline})` : ''}`,
    met: 'target met',
    notMet: 'target not yet met',
    noFigure: 'no figure',
    keys: 'Use the arrow keys to hear each figure.',
  },
};

/** The label of a target line drawn across the plot: "Chỉ tiêu 80% đến 2025". */
export function targetLabel(data: ChartData, f: Formatters): string {
  if (data.kind === 'progress' || !data.target) return '';
  return summaryStrings[f.locale].targetLine(
    f.format(data.target.value, data.unit),
    f.text(data.target.label),
    f.deadline(data.target.deadline),
  );
}

/**
 * One sentence per bar or period, read out as the arrow keys move along the canvas: "Ba Tri: 69%, chưa đạt
 * chỉ tiêu", "2022: Ba Tri 35%, Thạnh Phú 28%".
 */
export function pointTexts(data: ChartData, f: Formatters): string[] {
  const t = summaryStrings[f.locale];
  if (data.kind === 'progress') {
    return data.indicators.map((i) => {
      const ref = i.reference
        ? t.reference(f.text(i.reference.label), f.format(i.reference.value, i.unit), f.deadline(i.reference.deadline))
        : '';
      return `${f.text(i.label)}: ${t.reached(f.format(i.value, i.unit), f.format(i.target, i.unit), f.deadline(i.deadline))}${ref}`;
    });
  }
  if (data.kind === 'trend') {
    return data.periods.map(
      (period, index) =>
        `${period}: ${data.series.map((s) => `${f.text(s.label)} ${s.values[index] === null ? t.noFigure : f.format(s.values[index] ?? 0, data.unit)}`).join(', ')}`,
    );
  }
  const target = data.target?.value;
  return data.units.map(
    (u) =>
      `${f.text(u.label)}: ${f.format(u.value, data.unit)}${target === undefined ? '' : `, ${u.value >= target ? t.met : t.notMet}`}`,
  );
}

/** Title, "illustrative" when it is, then one sentence per indicator or series, in the widget's language. */
export function summarize(data: ChartData, f: Formatters, title: string): string {
  const t = summaryStrings[f.locale];
  const parts: string[] = [];
  if (data.kind === 'progress') {
    parts.push(...pointTexts(data, f));
  } else if (data.kind === 'trend') {
    for (const s of data.series) {
      const known = s.values.flatMap((value, index) =>
        value === null ? [] : [{ value, period: data.periods[index] }],
      );
      if (known.length === 0) continue;
      const [first, last] = [known[0], known[known.length - 1]];
      parts.push(
        `${f.text(s.label)}: ${t.trend(f.format(first.value, data.unit), first.period, f.format(last.value, data.unit), last.period)}`,
      );
    }
    if (data.target) parts.push(targetLabel(data, f));
  } else if (data.units.length > 0) {
    const sorted = [...data.units].sort((a, b) => b.value - a.value);
    const [top, bottom] = [sorted[0], sorted[sorted.length - 1]];
    parts.push(
      t.compare(
        f.text(top.label),
        f.format(top.value, data.unit),
        f.text(bottom.label),
        f.format(bottom.value, data.unit),
      ),
    );
    if (data.target) {
      const target = data.target.value;
      parts.push(
        t.compareTarget(
          data.units.filter((u) => u.value >= target).length,
          data.units.length,
          f.format(target, data.unit),
          f.deadline(data.target.deadline),
        ),
      );
    }
  }
  const prefix = [title, data.illustrative ? t.illustrative : ''].filter(Boolean).join('. ');
  return `${prefix ? `${prefix}. ` : ''}${parts.join('; ')}. ${t.keys}`;
}
