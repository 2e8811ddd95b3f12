import { z } from "zod";

export const loginBodySchema = z.object({
  email: z.string().trim().min(1, "Enter your email").max(320),
  password: z.string().min(1, "Enter your password").max(1000),
});
export type LoginBody = z.infer<typeof loginBodySchema>;
