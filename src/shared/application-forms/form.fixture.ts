import type { ItemMaterials } from './form.load.ts';
import type { FormDefinition } from './form.schema.ts';

// A small form using every question type, for tests to break one thing at a time. Built fresh on each call so
// that one test's change cannot leak into the next.

const b = (zh: string, en: string) => ({ zh, en });

export function sampleMaterials(): ItemMaterials {
  return new Map([
    ['proof', { name: '在职证明', policeFetch: 'never' }],
    ['register', { name: '居民户口簿', policeFetch: 'always' }],
    ['licence', { name: '营业执照', policeFetch: 'sometimes' }],
  ]);
}

export function sampleForm(): FormDefinition {
  return {
    id: 'sample-licence',
    version: 1,
    title: b('示例申请', 'Sample application'),
    applicant: 'person',
    pages: [
      {
        id: 'about',
        title: b('申请人信息', 'Your details'),
        fields: [
          { id: 'name', type: 'text', label: b('姓名', 'Full name'), maxLength: 10, prefill: 'name' },
          { id: 'id-number', type: 'id-number', label: b('公民身份号码', 'ID number'), prefill: 'idNumber' },
          { id: 'mobile', type: 'mobile', label: b('手机号码', 'Mobile number'), prefill: 'mobile' },
        ],
      },
      {
        id: 'purpose',
        title: b('用途', 'Purpose'),
        fields: [
          {
            id: 'purpose',
            type: 'choice',
            label: b('用途', 'Purpose'),
            options: [
              { value: 'work', label: b('工作', 'Work') },
              { value: 'study', label: b('学习', 'Study') },
              { value: 'other', label: b('其他', 'Other') },
            ],
          },
          {
            id: 'detail',
            type: 'text',
            label: b('用途说明', 'Details'),
            maxLength: 100,
            multiline: true,
            showIf: { field: 'purpose', equals: 'other' },
          },
        ],
      },
      {
        id: 'work',
        title: b('工作单位', 'Your employer'),
        showIf: { field: 'purpose', equals: 'work' },
        fields: [
          { id: 'employer', type: 'credit-code', label: b('统一社会信用代码', 'Credit code') },
          {
            id: 'proof',
            type: 'upload',
            label: b('在职证明', 'Proof of employment'),
            accept: ['pdf', 'jpeg'],
            maxBytes: 1024 * 1024,
            maxFiles: 2,
            material: 'proof',
          },
        ],
      },
      {
        id: 'vehicle',
        title: b('车辆', 'Vehicle'),
        fields: [
          { id: 'plate', type: 'plate', label: b('号牌号码', 'Plate number'), optional: true },
          {
            id: 'trips',
            type: 'choice',
            label: b('出行方式', 'How you travel'),
            multiple: true,
            options: [
              { value: 'car', label: b('汽车', 'Car') },
              { value: 'train', label: b('火车', 'Train') },
            ],
          },
        ],
      },
      {
        id: 'home',
        title: b('住址', 'Home'),
        fields: [
          {
            id: 'home',
            type: 'division-and-address',
            label: b('现住址', 'Home address'),
            prefill: 'address',
          },
          { id: 'moved-in', type: 'date', label: b('入住日期', 'Moved in'), min: 'today-1y', max: 'today' },
        ],
      },
      {
        id: 'family',
        title: b('家庭成员', 'Family'),
        showIf: { field: 'trips', equals: 'car' },
        fields: [
          {
            id: 'members',
            type: 'group',
            label: b('家庭成员', 'Family members'),
            itemLabel: b('成员{n}', 'Member {n}'),
            minItems: 1,
            maxItems: 2,
            fields: [
              { id: 'name', type: 'text', label: b('姓名', 'Name'), maxLength: 10 },
              {
                id: 'born',
                type: 'date',
                label: b('出生日期', 'Date of birth'),
                max: 'today',
                optional: true,
              },
            ],
          },
        ],
      },
    ],
    checkedByPolice: ['register'],
  };
}

/** A valid citizen ID number (check character computed) and a valid credit code, for answers. */
export const validIdNumber = '11010519491231002X';
export const validCreditCode = '91350100M000100Y43';
export const countyCode = '350404';
