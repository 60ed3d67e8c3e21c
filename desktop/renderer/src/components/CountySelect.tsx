// A labelled select of counties, with a first choice that names none (all counties, the user's own node, or
// "choose one"): the desk's filters and forms, the calendar and the bulletins all pick a county this way. Over
// several cities (a province user) the counties are grouped by city.
import type { ReactNode } from 'react';

export interface CountyChoice {
  code: string;
  name: string;
  city?: string | undefined;
}

const options = (counties: readonly CountyChoice[]) =>
  counties.map((county) => (
    <option key={county.code} value={county.code}>
      {county.name}
    </option>
  ));

export function CountySelect(props: {
  label: ReactNode;
  /** What the empty choice ('') means here. */
  blank: string;
  counties: readonly CountyChoice[];
  value: string;
  onChange: (county: string) => void;
  required?: boolean;
  className?: string;
}) {
  const cities = [...new Set(props.counties.map((county) => county.city ?? ''))];
  return (
    <label className={props.className}>
      {props.label}
      <select value={props.value} onChange={(event) => props.onChange(event.target.value)} required={props.required}>
        <option value="">{props.blank}</option>
        {cities.length > 1
          ? cities.map((city) => (
              <optgroup key={city} label={city}>
                {options(props.counties.filter((county) => (county.city ?? '') === city))}
              </optgroup>
            ))
          : options(props.counties)}
      </select>
    </label>
  );
}
