/** The contract's field rules and the campaigns file's validation, without a server. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { calendarDay, pledgeRequestSchema } from '../../src/contract/pledge.js';
import { quizResultRequestSchema } from '../../src/contract/quiz.js';
import { CampaignsFileError, loadCampaigns } from '../../src/server/campaigns/campaigns.js';
import { ROOT, tempDir } from './helpers.js';

const DEFAULT_FILE = join(ROOT, 'campaigns/campaigns.json');

describe('contract', () => {
  it('accepts real calendar days only, and never throws', () => {
    assert.equal(calendarDay.safeParse('2024-02-29').success, true);
    for (const bad of ['2023-02-29', '2020-13-45', '2020-00-10', '20-10-2020', 'x', '']) {
      assert.equal(calendarDay.safeParse(bad).success, false, bad);
    }
  });

  it('bounds the idempotency key: length and characters', () => {
    const pledge = (key: string) =>
      pledgeRequestSchema.safeParse({ unit: 'ba-tri', choice: 'smartphone', key }).success;
    assert.equal(pledge(crypto.randomUUID()), true);
    assert.equal(pledge('a'.repeat(15)), false);
    assert.equal(pledge('a'.repeat(65)), false);
    assert.equal(pledge('abcdefghijklmnop<script>'), false);
  });

  it('a quiz result: integers, 1 ≤ total ≤ 100, 0 ≤ score ≤ total, the key of a pledge', () => {
    const issue = (fields: Record<string, unknown>) =>
      quizResultRequestSchema
        .safeParse({ unit: 'ba-tri', score: 3, total: 5, key: crypto.randomUUID(), ...fields })
        .error?.issues[0]?.path.join('.');
    assert.equal(issue({}), undefined);
    assert.equal(issue({ score: 0, total: 1 }), undefined);
    assert.equal(issue({ score: 6 }), 'score');
    assert.equal(issue({ total: 0, score: 0 }), 'total');
    assert.equal(issue({ total: 100.5 }), 'total');
    assert.equal(issue({ key: 'a'.repeat(65) }), 'key');
  });
});

describe('campaigns file', () => {
  it('the default file is valid: one open campaign, nine 2020 districts and four direct units with ascii ids, goals labelled illustrative', () => {
    const campaign = loadCampaigns(DEFAULT_FILE).get('ben-tre-smartphone');
    assert.ok(campaign);
    assert.deepEqual(
      campaign.public.units.map((unit) => unit.id),
      [
        'tp-ben-tre',
        'chau-thanh',
        'cho-lach',
        'mo-cay-nam',
        'giong-trom',
        'binh-dai',
        'ba-tri',
        'thanh-phu',
        'mo-cay-bac',
        'doan-khoi-co-quan-doanh-nghiep',
        'doan-thanh-nien-cong-an',
        'doan-truong-hoc-truc-thuoc',
        'doan-tuong-duong-truc-thuoc',
      ],
    );
    assert.equal(campaign.embed, 'open');
    assert.equal(campaign.public.goalsAreIllustrative, true);
    assert.ok(
      campaign.allowedOrigins.has('http://localhost:8787') && campaign.allowedOrigins.has('http://127.0.0.1:8787'),
    );
    assert.deepEqual(
      campaign.quizzes.map((quiz) => quiz.id),
      ['chuyen-doi-so-ben-tre'],
    );
  });

  it('a campaign note is optional and, when given, needs both languages', async () => {
    const dir = tempDir();
    try {
      const { readFile } = await import('node:fs/promises');
      const file = JSON.parse(await readFile(DEFAULT_FILE, 'utf8')) as { campaigns: Record<string, unknown>[] };
      const path = join(dir.path, 'note.json');
      file.campaigns[0].note = { vi: 'Giai đoạn 2020–2025' };
      writeFileSync(path, JSON.stringify(file));
      assert.throws(() => loadCampaigns(path), /campaigns\.0\.note\.en/);
      delete file.campaigns[0].note;
      writeFileSync(path, JSON.stringify(file));
      assert.equal('note' in (loadCampaigns(path).get('ben-tre-smartphone')?.public ?? {}), false);
    } finally {
      dir.remove();
    }
  });

  it('a quiz id used twice in the file stops the start naming the second one; a quiz needs both titles', async () => {
    const dir = tempDir();
    try {
      const { readFile } = await import('node:fs/promises');
      const file = JSON.parse(await readFile(DEFAULT_FILE, 'utf8')) as { campaigns: Record<string, unknown>[] };
      const second: Record<string, unknown> = { ...file.campaigns[0], id: 'second-campaign' };
      file.campaigns.push(second);
      const path = join(dir.path, 'quizzes.json');
      writeFileSync(path, JSON.stringify(file));
      assert.throws(
        () => loadCampaigns(path),
        /campaigns\.1\.quizzes\.0\.id: duplicate quiz id "chuyen-doi-so-ben-tre"/,
      );
      second.quizzes = [{ id: 'other-quiz', title: { vi: 'Câu đố khác' } }];
      writeFileSync(path, JSON.stringify(file));
      assert.throws(() => loadCampaigns(path), /campaigns\.1\.quizzes\.0\.title\.en/);
      second.quizzes = [{ id: 'other-quiz', title: { vi: 'Câu đố khác', en: 'Another quiz' } }];
      writeFileSync(path, JSON.stringify(file));
      assert.deepEqual(
        loadCampaigns(path)
          .get('second-campaign')
          ?.quizzes.map((quiz) => quiz.id),
        ['other-quiz'],
      );
    } finally {
      dir.remove();
    }
  });

  it('names the path of every bad field', async () => {
    const dir = tempDir();
    try {
      const { readFile } = await import('node:fs/promises');
      const file = JSON.parse(await readFile(DEFAULT_FILE, 'utf8')) as { campaigns: Record<string, unknown>[] };
      const campaign = file.campaigns[0] as {
        units: { id: string }[];
        allowedOrigins: string[];
        startDate: string;
        choices: { id: string }[];
      };
      campaign.startDate = '2020-13-01';
      campaign.units[3].id = 'Mỏ Cày Nam';
      campaign.choices[1].id = campaign.choices[0].id;
      campaign.allowedOrigins.push('https://example.gov.vn/');
      (campaign as Record<string, unknown>).allowedOrigin = [];
      const path = join(dir.path, 'bad.json');
      writeFileSync(path, JSON.stringify(file));
      assert.throws(
        () => loadCampaigns(path),
        (error: unknown) => {
          assert.ok(error instanceof CampaignsFileError);
          for (const field of [
            'campaigns.0.startDate',
            'campaigns.0.units.3.id',
            'campaigns.0.allowedOrigins.4',
            'allowedOrigin',
          ]) {
            assert.ok(error.message.includes(field), `${field} in:\n${error.message}`);
          }
          return true;
        },
      );
      // Duplicate ids are caught once the fields themselves are right.
      campaign.startDate = '2020-10-15';
      campaign.units[3].id = 'mo-cay-nam';
      campaign.allowedOrigins.pop();
      delete (campaign as Record<string, unknown>).allowedOrigin;
      writeFileSync(path, JSON.stringify(file));
      assert.throws(() => loadCampaigns(path), /campaigns\.0\.choices\.1\.id: duplicate id/);
    } finally {
      dir.remove();
    }
  });
});
