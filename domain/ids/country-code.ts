// A country code as parameters carry it: two ASCII letters, any case (callers upper-case it).
const COUNTRY_CODE = /^[A-Za-z]{2}$/;

export const isCountryCode = (value: string): boolean => COUNTRY_CODE.test(value);
