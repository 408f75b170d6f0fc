/**
 * Accessible form parts in the GOV.UK pattern: a label, an optional hint, the error
 * message tied to its field with aria-describedby, and the value the user typed.
 */
import { useEffect, useRef, type ReactNode } from "react";

interface FieldProps {
  name: string;
  /** The element id, when one page has several forms with a field of the same name. */
  id?: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
}

function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function FieldFrame({
  name,
  id = name,
  label,
  hint,
  error,
  children,
}: FieldProps & { children: ReactNode }) {
  return (
    <div className={error ? "field field--error" : "field"}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    type?: "text" | "email" | "password" | "date";
    autoComplete?: string;
    required?: boolean;
    inputMode?: "text" | "numeric";
    spellCheck?: boolean;
  },
) {
  const {
    name,
    id = name,
    hint,
    error,
    defaultValue,
    type = "text",
    autoComplete,
    required,
    inputMode,
    spellCheck,
  } = props;
  return (
    <FieldFrame {...props}>
      <input
        className="field__input"
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        required={required}
        inputMode={inputMode}
        spellCheck={spellCheck}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldFrame>
  );
}

export function TextArea(props: FieldProps & { rows?: number; required?: boolean }) {
  const { name, id = name, hint, error, defaultValue, rows = 8, required } = props;
  return (
    <FieldFrame {...props}>
      <textarea
        className="field__input"
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldFrame>
  );
}

export function SelectField(
  props: FieldProps & { options: { value: string; label: string }[]; placeholder: string },
) {
  const { name, id = name, hint, error, defaultValue, options, placeholder } = props;
  return (
    <FieldFrame {...props}>
      <select
        className="field__input"
        id={id}
        name={name}
        defaultValue={defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function RadioGroup(
  props: Omit<FieldProps, "label"> & {
    legend: string;
    options: { value: string; label: string; hint?: string }[];
  },
) {
  const { name, id = name, legend, hint, error, defaultValue, options } = props;
  return (
    <fieldset
      className={error ? "field field--error" : "field"}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      {options.map((option, index) => (
        <div className="radio" key={option.value}>
          <input
            type="radio"
            id={index === 0 ? id : `${id}-${option.value}`}
            name={name}
            value={option.value}
            defaultChecked={defaultValue === option.value}
          />
          <label htmlFor={index === 0 ? id : `${id}-${option.value}`}>
            {option.label}
            {option.hint ? <span className="radio__hint">{option.hint}</span> : null}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * The list of problems at the top of a refused form, each linking to its field.
 * With JavaScript it takes focus so screen-reader users hear it at once.
 */
export function ErrorSummary({
  formError,
  fieldErrors,
  labels,
}: {
  formError?: string | null;
  fieldErrors?: Record<string, string>;
  labels?: Record<string, string>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(fieldErrors ?? {});
  const hasErrors = Boolean(formError) || entries.length > 0;
  useEffect(() => {
    if (hasErrors) ref.current?.focus();
  }, [hasErrors, formError, fieldErrors]);
  if (!hasErrors) return null;
  return (
    <div
      className="error-summary"
      role="alert"
      tabIndex={-1}
      ref={ref}
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title" className="error-summary__title">
        There is a problem
      </h2>
      <ul>
        {formError ? <li>{formError}</li> : null}
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${field}`}>{labels?.[field] ? `${labels[field]}: ${message}` : message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
