/** Why a value is not a date: a code per reason (cheap to keep per cell) and its message in both languages. */
export interface DateError {
  error: string;
  errorRu: string;
}

export const ERR_NOT_A_DATE = 0;
export const ERR_IMPOSSIBLE_DATE = 1;
export const ERR_BAD_TIME = 2;
export const ERR_TWO_DIGIT_YEAR = 3;
export const ERR_NUMBER_AS_TEXT = 4;
export const ERR_SERIAL_RANGE = 5;
export const ERR_BOOLEAN = 6;
export const ERR_INVALID_DATE_OBJECT = 7;

export const DATE_ERRORS: readonly DateError[] = [
  {
    error: 'not a date (expected e.g. 2024-03-15, 2024-03-15 14:30 or 15.03.2024 14:30)',
    errorRu: 'не дата (ожидается, например, 2024-03-15, 2024-03-15 14:30 или 15.03.2024 14:30)',
  },
  { error: 'no such day in the calendar', errorRu: 'такого дня нет в календаре' },
  { error: 'impossible time of day', errorRu: 'такого времени суток не бывает' },
  {
    error: 'two-digit year: write the year in full (2024, not 24)',
    errorRu: 'год из двух цифр: укажите год полностью (2024, а не 24)',
  },
  {
    error: 'a number written as text, not a date (serial day numbers are read from 25569 = 1970-01-01 to 73050 = 2099-12-31)',
    errorRu: 'число, записанное текстом, а не дата (порядковые номера дней читаются от 25569 = 1970-01-01 до 73050 = 2099-12-31)',
  },
  {
    error: 'a number outside the range of spreadsheet dates (1 … 2958465)',
    errorRu: 'число вне диапазона дат таблицы (1 … 2958465)',
  },
  { error: 'TRUE/FALSE, not a date', errorRu: 'логическое значение (ИСТИНА/ЛОЖЬ), а не дата' },
  { error: 'invalid date', errorRu: 'недействительная дата' },
];
