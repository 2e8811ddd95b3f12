/** The header row of the app's plain data tables; a trailing, visually hidden "Actions" column when asked. */
export function TableHead({ columns, actions = false, dense = false }: { columns: readonly string[]; actions?: boolean; dense?: boolean }) {
  const cell = dense ? "py-1 pr-3 font-medium whitespace-nowrap" : "py-2 pr-3 font-medium whitespace-nowrap";
  return (
    <thead>
      <tr className={dense ? "text-left text-xs text-slate-500" : "border-b border-slate-200 text-left text-xs text-slate-500"}>
        {columns.map((c) => (
          <th key={c} className={cell}>
            {c}
          </th>
        ))}
        {actions && (
          <th className={dense ? "py-1" : "py-2"}>
            <span className="sr-only">Actions</span>
          </th>
        )}
      </tr>
    </thead>
  );
}
