"use client";
import { useId, useMemo } from "react";
import { Input } from "@/components/ui/input";

/** An IANA time zone with suggestions from the browser's own list (Intl.supportedValuesOf). */
export function TimeZoneInput({ value, onChange, ...rest }: { value: string; onChange: (tz: string) => void; id?: string; "aria-label"?: string; "aria-describedby"?: string; invalid?: boolean }) {
  const listId = useId();
  const zones = useMemo(() => {
    try {
      return (Intl as unknown as { supportedValuesOf: (k: string) => string[] }).supportedValuesOf("timeZone");
    } catch {
      return ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "UTC"];
    }
  }, []);
  return (
    <>
      <Input {...rest} list={listId} value={value} placeholder="America/Chicago" onChange={(e) => onChange(e.target.value)} className="w-52" />
      <datalist id={listId}>
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </>
  );
}
