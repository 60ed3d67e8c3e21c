// What the map's colours mean: grades of the points, the heat, the county (or, for a province, city) shade.
import { useTranslation } from 'react-i18next';
import type { AreaLevel } from './map/CommandMap';
import { GRADE_RGB, HEAT_RANGE, hex, ONLINE_FILL } from './map/colors';

export function MapLegend({ areaLevel }: { areaLevel: AreaLevel }) {
  const { t } = useTranslation('bigscreen');
  const { t: common } = useTranslation();
  return (
    <div className="bs-legend" aria-hidden="true">
      <div className="bs-legend-row">
        <span className="bs-legend-title">{t('legend.grades')}</span>
        {(['A', 'B', 'C', 'D'] as const).map((grade) => (
          <span key={grade} className="bs-legend-item">
            <i className="bs-dot" style={{ background: hex(GRADE_RGB[grade]) }} />
            {common(`grades.${grade}`)}
          </span>
        ))}
        <span className="bs-legend-item">
          <i className="bs-dot" style={{ background: hex(GRADE_RGB.ungraded) }} />
          {t('legend.ungraded')}
        </span>
      </div>
      <div className="bs-legend-row">
        <span className="bs-legend-title">{t('legend.heat')}</span>
        <i className="bs-ramp" style={{ background: `linear-gradient(90deg, ${HEAT_RANGE.map(hex).join(', ')})` }} />
        <span className="bs-legend-title">{t(areaLevel === 'city' ? 'legend.cityFill' : 'legend.fill')}</span>
        <i className="bs-ramp" style={{ background: `linear-gradient(90deg, ${ONLINE_FILL.join(', ')})` }} />
      </div>
    </div>
  );
}
