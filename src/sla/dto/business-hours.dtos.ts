// The body of PUT /business-hours: its shape and bounds are checked here; what needs the calendar
// (a real zone, real times and dates, no overlaps, some open time) is validateBusinessHours'.
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  IsString,
  MaxLength,
  registerDecorator,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import type { DayHours } from '../business-calendar';

export const MAX_INTERVALS_PER_DAY = 4;
export const MAX_HOLIDAYS = 366;
export const TIMEZONE_MAX = 64;

const TIME_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$';

/** `["09:00", "17:00"]`: two short strings (whether they are times is the calendar's to say). */
function IsInterval(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isInterval',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value) &&
          value.length === 2 &&
          value.every((time) => typeof time === 'string' && time.length <= 5),
      },
    });
}

const DAY_DESCRIPTION =
  'Up to 4 non-overlapping `[start, end]` intervals of local `HH:MM` times, start before end; `24:00` ' +
  'only as an end (`[["00:00","24:00"]]` is the whole day); `[]` = closed.';

function dayProperty(example: DayHours) {
  return ApiProperty({
    type: 'array',
    maxItems: MAX_INTERVALS_PER_DAY,
    items: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'string', pattern: TIME_PATTERN } },
    example,
    description: DAY_DESCRIPTION,
  });
}

function Day() {
  return (object: object, propertyName: string) => {
    IsArray()(object, propertyName);
    ArrayMaxSize(MAX_INTERVALS_PER_DAY)(object, propertyName);
    IsInterval({ each: true, message: 'each interval must be a pair of "HH:MM" strings' })(object, propertyName);
  };
}

const WORKDAY: DayHours = [['09:00', '17:00']];

/** Every day of the week must be given (an empty list closes it). */
export class WeekHoursDto {
  @dayProperty(WORKDAY) @Day() mon!: DayHours;
  @dayProperty(WORKDAY) @Day() tue!: DayHours;
  @dayProperty(WORKDAY) @Day() wed!: DayHours;
  @dayProperty(WORKDAY) @Day() thu!: DayHours;
  @dayProperty([
    ['09:00', '12:00'],
    ['13:00', '16:00'],
  ])
  @Day()
  fri!: DayHours;
  @dayProperty([]) @Day() sat!: DayHours;
  @dayProperty([]) @Day() sun!: DayHours;
}

/** `GET` answers it, `PUT` takes it (API.md → Business hours). */
export class BusinessHoursDto {
  @ApiProperty({ maxLength: TIMEZONE_MAX, example: 'Europe/Berlin', description: 'An IANA time zone' })
  @IsString()
  @MaxLength(TIMEZONE_MAX)
  timezone!: string;

  @ApiProperty({ type: WeekHoursDto, description: 'The open hours of each weekday; at least one must be open' })
  @IsObject()
  @ValidateNested()
  @Type(() => WeekHoursDto)
  week!: WeekHoursDto;

  @ApiProperty({
    type: [String],
    maxItems: MAX_HOLIDAYS,
    example: ['2026-12-24', '2026-12-25', '2026-12-26'],
    description: 'Local dates (`YYYY-MM-DD`, no duplicates) on which the desk is closed all day',
  })
  @IsArray()
  @ArrayMaxSize(MAX_HOLIDAYS)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  holidays!: string[];
}
