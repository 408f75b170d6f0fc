/** The period and area a listening page, download or dashboard is asked for. */
import { z } from "zod";
import { PERIODS, type PeriodKey } from "~/domain/listening/periods";

export function listeningQuerySchema(defaultPeriod: PeriodKey) {
  return z.object({
    period: z.enum(Object.keys(PERIODS) as [PeriodKey, ...PeriodKey[]]).catch(defaultPeriod),
    area: z
      .string()
      .regex(/^[a-z0-9-]{1,80}$/)
      .optional()
      .catch(undefined),
  });
}
