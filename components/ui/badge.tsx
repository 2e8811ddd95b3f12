import { cn } from "./cn";

type Tone = "gray" | "green" | "red" | "amber" | "blue" | "violet";

const TONES: Record<Tone, string> = {
  gray: "bg-slate-100 text-slate-700 ring-slate-200",
  green: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  red: "bg-red-50 text-red-800 ring-red-200",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  blue: "bg-sky-50 text-sky-800 ring-sky-200",
  violet: "bg-violet-50 text-violet-800 ring-violet-200",
};

export function Badge({ tone = "gray", children, className }: { tone?: Tone; children: React.ReactNode; className?: string }) {
  return (
    <span className={cn("inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset", TONES[tone], className)}>
      {children}
    </span>
  );
}

/** Outcome colours used everywhere (leads, timeline, reports): one mapping, one look. */
export function outcomeTone(outcome: string | null | undefined): Tone {
  switch (outcome) {
    case "success":
    case "continue":
      return "green";
    case "failure":
    case "stop":
      return "red";
    case "error":
      return "amber";
    case "skip":
      return "gray";
    default:
      return "blue";
  }
}

export function OutcomeBadge({ outcome }: { outcome: string | null | undefined }) {
  return <Badge tone={outcomeTone(outcome)}>{outcome ?? "—"}</Badge>;
}
