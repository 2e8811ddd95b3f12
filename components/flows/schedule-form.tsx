"use client";
// Hours of operation (spec 04 §0): per weekday, zero or more periods in one time zone.
import type { FlowDocument } from "@/components/api/types";
import { Button, IconButton } from "@/components/ui/button";
import { Field, Input, Switch } from "@/components/ui/input";
import { useIssues } from "@/components/ui/issues";
import { TimeZoneInput } from "./time-zone-input";

type Schedule = NonNullable<FlowDocument["schedule"]>;
const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

export function ScheduleForm({ value, onChange }: { value: Schedule | null | undefined; onChange: (s: Schedule | null) => void }) {
  const issues = useIssues();
  if (!value) {
    return (
      <div className="flex items-center gap-3">
        <p className="text-sm text-slate-500">No schedule: leads are accepted at any time.</p>
        <Button
          size="sm"
          onClick={() =>
            onChange({
              enabled: true,
              time_zone: null,
              days: Object.fromEntries(DAYS.map((d) => [d, d === "saturday" || d === "sunday" ? [] : [{ start: "08:00", end: "17:00" }]])),
            })
          }
        >
          Add hours of operation
        </Button>
      </div>
    );
  }
  const setDay = (day: (typeof DAYS)[number], periods: { start: string; end: string }[]) => onChange({ ...value, days: { ...value.days, [day]: periods } });
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-4">
        <Switch checked={value.enabled} onChange={(enabled) => onChange({ ...value, enabled })} label="Schedule is on" />
        <Field label="Time zone" hint="Blank: the account time zone." path="schedule.time_zone" error={issues.at("schedule.time_zone")}>
          {(p) => <TimeZoneInput {...p} value={value.time_zone ?? ""} onChange={(tz) => onChange({ ...value, time_zone: tz || null })} />}
        </Field>
        <Button size="sm" variant="ghost" className="ml-auto text-red-700" onClick={() => onChange(null)}>
          Remove schedule
        </Button>
      </div>
      <table className="w-full text-sm">
        <tbody className="divide-y divide-slate-100">
          {DAYS.map((day) => {
            const periods = value.days?.[day] ?? [];
            return (
              <tr key={day}>
                <th scope="row" className="w-28 py-2 text-left font-medium capitalize text-slate-700">
                  {day}
                </th>
                <td className="py-2">
                  <div className="flex flex-wrap items-center gap-2">
                    {periods.length === 0 ? <span className="text-slate-400">Closed</span> : null}
                    {periods.map((p, i) => (
                      <span key={i} className="inline-flex items-center gap-1" data-issue-path={`schedule.days.${day}.${i}`}>
                        <Input type="time" aria-label={`${day} period ${i + 1} start`} value={p.start} className="w-28" onChange={(e) => setDay(day, periods.map((x, j) => (j === i ? { ...x, start: e.target.value } : x)))} />
                        –
                        <Input
                          aria-label={`${day} period ${i + 1} end`}
                          value={p.end}
                          placeholder="24:00"
                          className="w-20"
                          onChange={(e) => setDay(day, periods.map((x, j) => (j === i ? { ...x, end: e.target.value } : x)))}
                        />
                        <IconButton label={`Remove ${day} period ${i + 1}`} onClick={() => setDay(day, periods.filter((_, j) => j !== i))}>
                          ✕
                        </IconButton>
                        {issues.under(`schedule.days.${day}.${i}`).map((x) => (
                          <span key={x.path} className="text-xs text-red-700">
                            {x.message}
                          </span>
                        ))}
                      </span>
                    ))}
                    <Button size="xs" variant="ghost" className="text-brand-700" onClick={() => setDay(day, [...periods, { start: "09:00", end: "17:00" }])}>
                      + period
                    </Button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
