// A labelled select of counties, with a first choice that names none (all counties, the user's own node, or
// "choose one"): the desk's filters and forms, the calendar and the bulletins all pick a county this way.
import type { ReactNode } from 'react';

export interface CountyChoice {
  code: string;
  name: string;
}

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
  return (
    <label className={props.className}>
      {props.label}
      <select value={props.value} onChange={(event) => props.onChange(event.target.value)} required={props.required}>
        <option value="">{props.blank}</option>
        {props.counties.map((county) => (
          <option key={county.code} value={county.code}>
            {county.name}
          </option>
        ))}
      </select>
    </label>
  );
}
