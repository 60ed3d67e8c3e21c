/** The English table of an area must hold exactly the keys of its Chinese one. */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };

export interface AreaStrings<T> {
  zh: T;
  en: Translation<T>;
}

export const defineStrings = <T>(strings: AreaStrings<T>): AreaStrings<T> => strings;
