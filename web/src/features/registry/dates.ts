import dayjs, { type Dayjs } from 'dayjs';

/** A picked day as the API's YYYY-MM-DD, or null. */
export const toIsoDay = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** The API's YYYY-MM-DD as a value for a DatePicker. */
export const fromIsoDay = (text: string | null) => (text ? dayjs(text) : null);

/** A timestamp as its calendar day in the user's time zone. */
export const formatDay = (iso: string | null, empty = '—') => (iso ? dayjs(iso).format('YYYY-MM-DD') : empty);
