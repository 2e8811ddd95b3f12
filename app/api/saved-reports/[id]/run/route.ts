// spec 08 §4.8 names this path; the handlers live with the other reports.
export { GET } from "@/app/api/reports/saved/[id]/run/route";
