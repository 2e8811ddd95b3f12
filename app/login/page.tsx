import { LoginForm } from "@/components/layout/login-form";

export const metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  // Only local paths: an open redirect after login would help phishing.
  const target = next && next.startsWith("/") && !next.startsWith("//") ? next : "/flows";
  return (
    <div className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold text-brand-700">Leadflow</h1>
        <p className="mb-6 mt-1 text-sm text-slate-500">Sign in to manage flows and trace leads.</p>
        <LoginForm next={target} />
      </div>
    </div>
  );
}
