/** The words a widget uses when the service refuses its page or its attributes name what the campaign lacks. */
import { expect } from '@open-wc/testing';
import { closestId, unknownUnit } from '../../src/core/service-problems.js';
import { withConsole } from '../helpers.js';

const BEN_TRE_2020 = [
  'tp-ben-tre',
  'chau-thanh',
  'cho-lach',
  'mo-cay-nam',
  'giong-trom',
  'binh-dai',
  'ba-tri',
  'thanh-phu',
  'mo-cay-bac',
];

describe('closestId', () => {
  for (const [typed, expected] of [
    ['ba-tr', 'ba-tri'], // a letter missing
    ['batri', 'ba-tri'], // the hyphen missing
    ['Ba Tri', 'ba-tri'], // the name instead of the id
    ['Chợ Lách', 'cho-lach'], // with diacritics
    ['Mỏ Cày Bắc', 'mo-cay-bac'], // not mo-cay-nam
    ['mo-cay-nma', 'mo-cay-nam'], // two letters swapped
    ['tp-bentre', 'tp-ben-tre'],
    ['thanh-pho', 'thanh-phu'],
    ['giongtrom', 'giong-trom'],
    ['BINH-DAI', 'binh-dai'],
  ] as const) {
    it(`"${typed}" → "${expected}"`, () => expect(closestId(typed, BEN_TRE_2020)).to.equal(expected));
  }
  for (const typed of ['cho-gao', 'ha-noi', 'x', '']) {
    it(`"${typed}" is too far from every id: no suggestion`, () =>
      expect(closestId(typed, BEN_TRE_2020)).to.equal(undefined));
  }
});

describe('unknownUnit', () => {
  it('lists the ids of a small campaign, suggests instead when one is close, and leaves a long list out', async () => {
    await withConsole('error', async () => {
      expect(unknownUnit('cho-gao', ['ba-tri', 'cho-lach'])('vi')).to.equal(
        'Chiến dịch không có đơn vị “cho-gao”. Các mã đơn vị: ba-tri, cho-lach.',
      );
      expect(unknownUnit('ba-tr', BEN_TRE_2020)('en')).to.equal(
        'The campaign has no unit “ba-tr”. Did you mean “ba-tri”?',
      );
      const many = Array.from({ length: 150 }, (_, i) => `xa-${i}`);
      expect(unknownUnit('cho-gao', many)('vi')).to.equal('Chiến dịch không có đơn vị “cho-gao”.');
    });
  });
});
