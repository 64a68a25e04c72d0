/**
 * ScriptApp's time-driven triggers, as Google documents them:
 * - https://developers.google.com/apps-script/reference/script/script-app (newTrigger, getProjectTriggers:
 *   "all installable triggers associated with the current project and current user", deleteTrigger);
 * - https://developers.google.com/apps-script/reference/script/clock-trigger-builder (atHour 0–23 needs
 *   everyDays or onWeekDay; inTimezone; create);
 * - https://developers.google.com/apps-script/guides/services/quotas ("Triggers: 20 / user / script");
 * - https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions ("Each add-on can
 *   only have one trigger of each type, per user, per document"; time-driven ones at most hourly).
 * Triggers belong to a user: another user's triggers are invisible to getProjectTriggers.
 * Every call is counted.
 */
import type { GasClockTriggerBuilder, GasScriptApp, GasTrigger, GasTriggerBuilder } from '../../src/sheets/gas';
import { CallCounter } from './calls';

type Weekday = GoogleAppsScript.Base.Weekday;

const DAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
/** ScriptApp.WeekDay's values are the day names (https://developers.google.com/apps-script/reference/base/weekday). */
export const FAKE_WEEKDAY = Object.fromEntries(DAYS.map((d) => [d, d as unknown as Weekday])) as GasScriptApp['WeekDay'];

export const TRIGGERS_PER_USER_MAX = 20;

export interface ClockSpec {
  hour: number | null;
  everyDays: number | null;
  weekDay: string | null;
  timeZone: string | null;
}

export class FakeTrigger implements GasTrigger {
  constructor(
    readonly uid: string,
    readonly handler: string,
    readonly owner: string,
    readonly documentId: string | null,
    readonly clock: ClockSpec,
  ) {}
  getUniqueId(): string {
    return this.uid;
  }
  getHandlerFunction(): string {
    return this.handler;
  }
}

class FakeClockTriggerBuilder implements GasClockTriggerBuilder {
  private readonly spec: ClockSpec = { hour: null, everyDays: null, weekDay: null, timeZone: null };
  constructor(
    private readonly app: FakeScriptApp,
    private readonly handler: string,
  ) {}
  atHour(hour: number): GasClockTriggerBuilder {
    this.app.calls.hit('ClockTriggerBuilder.atHour');
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new Error(`Exception: Invalid argument: hour (${hour})`);
    this.spec.hour = hour;
    return this;
  }
  everyDays(n: number): GasClockTriggerBuilder {
    this.app.calls.hit('ClockTriggerBuilder.everyDays');
    if (!Number.isInteger(n) || n < 1) throw new Error(`Exception: Invalid argument: n (${n})`);
    this.spec.everyDays = n;
    return this;
  }
  onWeekDay(day: Weekday): GasClockTriggerBuilder {
    this.app.calls.hit('ClockTriggerBuilder.onWeekDay');
    const name = String(day);
    if (!(DAYS as readonly string[]).includes(name)) throw new Error(`Exception: Invalid argument: day (${name})`);
    this.spec.weekDay = name;
    return this;
  }
  inTimezone(timezone: string): GasClockTriggerBuilder {
    this.app.calls.hit('ClockTriggerBuilder.inTimezone');
    this.spec.timeZone = timezone;
    return this;
  }
  create(): GasTrigger {
    this.app.calls.hit('ClockTriggerBuilder.create');
    if (this.spec.everyDays === null && this.spec.weekDay === null) {
      throw new Error('Exception: The clock trigger needs a recurrence (everyDays, onWeekDay, everyHours or everyMinutes).');
    }
    return this.app.add(this.handler, { ...this.spec });
  }
}

export class FakeScriptApp implements GasScriptApp {
  readonly calls = new CallCounter('ScriptApp');
  readonly WeekDay = FAKE_WEEKDAY;
  /** Every trigger of the project, of every user. */
  readonly triggers: FakeTrigger[] = [];
  /** Who runs the current execution. */
  user = 'owner@example.com';
  /** The document the current execution runs in (null: a trigger run with no document). */
  documentId: string | null = 'fake-spreadsheet-id';
  /** Add-on mode enforces one trigger of each type per user per document. */
  addon = false;
  private next = 1;

  newTrigger(functionName: string): GasTriggerBuilder {
    this.calls.hit('ScriptApp.newTrigger');
    return {
      timeBased: () => {
        this.calls.hit('TriggerBuilder.timeBased');
        return new FakeClockTriggerBuilder(this, functionName);
      },
    };
  }
  getProjectTriggers(): GasTrigger[] {
    this.calls.hit('ScriptApp.getProjectTriggers');
    return this.triggers.filter((t) => t.owner === this.user);
  }
  deleteTrigger(trigger: GasTrigger): void {
    this.calls.hit('ScriptApp.deleteTrigger');
    const i = this.triggers.findIndex((t) => t.uid === trigger.getUniqueId() && t.owner === this.user);
    if (i >= 0) this.triggers.splice(i, 1);
  }

  /** Called by the builder's create(). */
  add(handler: string, clock: ClockSpec): FakeTrigger {
    const mine = this.triggers.filter((t) => t.owner === this.user);
    if (mine.length >= TRIGGERS_PER_USER_MAX) {
      throw new Error('Exception: This script has too many triggers. Triggers must be deleted from the script before more can be added.');
    }
    if (this.addon && mine.some((t) => t.documentId === this.documentId)) {
      throw new Error('Exception: An add-on can only have one time-driven trigger per user per document.');
    }
    const trigger = new FakeTrigger(`trigger-${this.next++}`, handler, this.user, this.documentId, clock);
    this.triggers.push(trigger);
    return trigger;
  }

  /** The event object a time-driven run receives (https://developers.google.com/apps-script/guides/triggers/events#time-driven-events). */
  eventFor(trigger: FakeTrigger, at: Date): Record<string, unknown> {
    return {
      authMode: 'FULL',
      triggerUid: trigger.uid,
      year: at.getUTCFullYear(),
      month: at.getUTCMonth() + 1,
      'day-of-month': at.getUTCDate(),
      hour: at.getUTCHours(),
      minute: at.getUTCMinutes(),
      second: at.getUTCSeconds(),
      timezone: 'UTC',
    };
  }
}
