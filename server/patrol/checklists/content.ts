// A checklist is data: sections of items, each key (关键项) or general (一般项). Remote-patrol items also name
// the aspect of the Hebei practice they belong to.
import { z } from 'zod';

export const PATROL_ASPECTS = ['food_processing', 'ingredient_placement', 'staff_attire', 'environment_hygiene'] as const;

export const ChecklistItem = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9_.-]{1,20}$/),
  text: z.string().min(2).max(300),
  key: z.boolean(),
  aspect: z.enum(PATROL_ASPECTS).optional(),
  guidance: z.string().max(500).optional(),
});

export const ChecklistContent = z
  .strictObject({
    sections: z
      .array(
        z.strictObject({
          code: z.string().regex(/^[A-Za-z0-9_.-]{1,20}$/),
          title: z.string().min(1).max(100),
          items: z.array(ChecklistItem).min(1).max(100),
        }),
      )
      .min(1)
      .max(30),
  })
  .refine((content) => {
    const codes = content.sections.flatMap((section) => section.items.map((item) => item.code));
    return new Set(codes).size === codes.length;
  }, 'item codes must be unique');

export type ChecklistContent = z.infer<typeof ChecklistContent>;
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const itemsOf = (content: ChecklistContent): ChecklistItem[] => content.sections.flatMap((section) => section.items);
