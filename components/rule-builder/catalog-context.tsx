"use client";
import { createContext, useContext, useMemo } from "react";
import { useFields, useTypes } from "@/components/api/use-catalog";
import { buildVariableCatalog, extendCatalog, type VariableCatalog, type VariableOption } from "./variables";

const CatalogContext = createContext<VariableCatalog | null>(null);

/** Builds the variable catalogue for a set of flow fields from the fields and types APIs. */
export function useVariableCatalog(fieldIds: readonly string[], extra?: readonly VariableOption[]): VariableCatalog {
  const fields = useFields().data;
  const types = useTypes().data;
  const key = fieldIds.join(",");
  return useMemo(
    () => buildVariableCatalog({ fieldIds, fields: fields ?? [], types: types ?? [], extra }),
    // fieldIds by content: callers pass fresh arrays on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, fields, types, extra],
  );
}

export function VariableCatalogProvider({ catalog, children }: { catalog: VariableCatalog; children: React.ReactNode }) {
  return <CatalogContext.Provider value={catalog}>{children}</CatalogContext.Provider>;
}

const EMPTY = buildVariableCatalog({ fieldIds: [], fields: [], types: [] });

export function useCatalog(): VariableCatalog {
  return useContext(CatalogContext) ?? EMPTY;
}

/** Rule builders inside also offer `extra` variables (e.g. `feedback.reason` in feedback rules). */
export function ExtraVariables({ extra, children }: { extra: readonly VariableOption[]; children: React.ReactNode }) {
  const catalog = useCatalog();
  const extended = useMemo(() => extendCatalog(catalog, extra), [catalog, extra]);
  return <CatalogContext.Provider value={extended}>{children}</CatalogContext.Provider>;
}
