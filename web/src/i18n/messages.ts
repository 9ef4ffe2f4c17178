/** The shape of a translation: same keys as the zh-CN source, any strings. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
