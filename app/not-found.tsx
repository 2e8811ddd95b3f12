import Link from "next/link";

export default function NotFound() {
  return (
    <div className="flex min-h-full items-center justify-center p-8">
      <div className="text-center">
        <p className="text-sm font-semibold text-brand-600">404</p>
        <h1 className="mt-2 text-2xl font-semibold">Page not found</h1>
        <p className="mt-2 text-slate-500">The page you asked for does not exist or was moved.</p>
        <Link href="/flows" className="mt-6 inline-block text-brand-600 hover:underline">
          Back to Leadflow
        </Link>
      </div>
    </div>
  );
}
