/** `npm run bench -- --cpu-profile FILE` (issue 17): its option, and the summary of a profile it writes. */
import { parseOptions } from '../../../scripts/bench/options';
import { areaOf, summarize, type CpuProfile } from '../../../scripts/bench/profile-summary';

test('--cpu-profile takes a file, as --cpu-profile FILE or --cpu-profile=FILE; none by default', () => {
  expect(parseOptions(['--units', '300']).cpuProfile).toBeUndefined();
  expect(parseOptions(['--cpu-profile', 'burst.cpuprofile', '--units', '300'])).toMatchObject({
    cpuProfile: 'burst.cpuprofile',
    units: 300,
  });
  expect(parseOptions(['--cpu-profile=out/b.cpuprofile']).cpuProfile).toBe('out/b.cpuprofile');
  expect(() => parseOptions(['--cpu-profile'])).toThrow('--cpu-profile: a file path');
  expect(() => parseOptions(['--cpu-profile', '--units', '3'])).toThrow('--cpu-profile: a file path');
});

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });

/**
 * root → send (nodemailer) → format (luxon); root → (idle). Samples: 3 ms in format, 1 ms in send,
 * 2 ms idle (each sample's time is the gap to the next).
 */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 4] },
    { id: 2, callFrame: frame('send', 'file:///app/node_modules/nodemailer/lib/mailer/index.js', 9), children: [3] },
    { id: 3, callFrame: frame('format', 'file:///app/node_modules/luxon/build/node/luxon.js', 99) },
    { id: 4, callFrame: frame('(idle)') },
  ],
  startTime: 0,
  endTime: 6_000,
  samples: [3, 3, 3, 2, 4, 4],
  timeDeltas: [0, 1_000, 1_000, 1_000, 1_000, 1_000],
};

test('a profile is summed by area and by function, self and inclusive, idle apart', () => {
  const s = summarize(profile);
  expect(s.totalMs).toBe(6);
  expect(s.busyMs).toBe(4);
  expect(s.areas).toEqual([
    { name: 'luxon', ms: 3 },
    { name: '(idle)', ms: 2 },
    { name: 'nodemailer', ms: 1 },
  ]);
  expect(s.self[0]).toEqual({ name: 'format node/luxon.js:100', ms: 3 });
  expect(s.inclusive).toContainEqual({ name: 'send mailer/index.js:10', ms: 4 });
});

test('frames are put in the area a reader looks for', () => {
  expect(areaOf(frame('x', 'file:///w/workflow-bundle-0b33.js'))).toBe('workflow sandbox (bundle)');
  expect(areaOf(frame('init', 'file:///w/node_modules/@temporalio/worker/lib/workflow/vm-shared.js'))).toBe(
    'SDK: workflow side',
  );
  expect(areaOf(frame('record', 'file:///w/stores/sent-log.ts'))).toBe('thidua: stores');
  expect(areaOf(frame('(garbage collector)'))).toBe('(garbage collector)');
  expect(areaOf(frame('readFileUtf8'))).toBe('native / V8 builtins');
});
