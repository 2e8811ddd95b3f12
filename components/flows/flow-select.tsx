"use client";
// The flow picker of the search and report filters: every flow by name, plus "all flows".
import { useFlows } from "@/components/api/use-flows";
import { Select } from "@/components/ui/input";

type Props = Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "value" | "onChange"> & {
  /** A flow id, or "" for all flows. */
  value: string;
  onChange: (flowId: string) => void;
  invalid?: boolean;
  allLabel?: string;
};

export function FlowSelect({ value, onChange, allLabel = "All flows", ...rest }: Props) {
  const flows = useFlows().data ?? [];
  return (
    <Select {...rest} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{allLabel}</option>
      {flows.map((f) => (
        <option key={f.id} value={f.id}>
          {f.name}
        </option>
      ))}
      {/* A flow named in the URL that is not (or not yet) in the list keeps its id selectable. */}
      {value && !flows.some((f) => f.id === value) ? <option value={value}>{flows.length ? "Unknown flow" : "Loading…"}</option> : null}
    </Select>
  );
}
