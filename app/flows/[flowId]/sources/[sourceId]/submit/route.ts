import { handleIntake } from "@/lib/intake";
import { intakeHandlers } from "@/lib/store/intake/intake-service";

// LeadConduit's submission endpoint (spec 07 §1). Every method is exported so that the spec's
// own 405/OPTIONS answers are given, not Next.js's.
let handlers: ReturnType<typeof intakeHandlers> | undefined;
const handler = (request: Request) => handleIntake(request, (handlers ??= intakeHandlers()));

export const dynamic = "force-dynamic";
export { handler as GET, handler as POST, handler as HEAD, handler as PUT, handler as PATCH, handler as DELETE, handler as OPTIONS };
