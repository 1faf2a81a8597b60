import type { PainLocation, TimeOfDay } from '../../core/shared/vocab';

/** Synthetic names and facts for the demo program and the benchmark generator. No real person. */
export const GIVEN: Record<'woman' | 'man', readonly string[]> = {
  woman: ['Maria', 'Linda', 'Denise', 'Angela', 'Teresa', 'Carmen', 'Janet', 'Rosa', 'Patricia', 'Gloria', 'Ruth', 'Yolanda'],
  man: [
    'James',
    'Robert',
    'Michael',
    'David',
    'Luis',
    'William',
    'Carlos',
    'Thomas',
    'Gary',
    'Darnell',
    'Frank',
    'Raymond',
    'Jose',
    'Kevin',
    'Dennis',
  ],
};
export const FAMILY = [
  'Alvarez',
  'Brooks',
  'Carter',
  'Dawson',
  'Ellis',
  'Foster',
  'Garcia',
  'Hughes',
  'Iverson',
  'Jenkins',
  'Kowalski',
  'Lopez',
  'Mitchell',
  'Nguyen',
  'Ortiz',
  'Price',
  'Reyes',
  'Sullivan',
  'Turner',
  'Vaughn',
  'Walker',
  'Young',
];
export const PAIN: readonly PainLocation[] = ['low_back', 'neck', 'shoulder', 'hip', 'knee', 'hand', 'foot', 'widespread'];
export const TIMES: readonly TimeOfDay[] = ['morning', 'afternoon', 'evening'];
