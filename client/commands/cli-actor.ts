/**
 * Who the command line acts as when `--by-name` is not given. The name is recorded with the action
 * (an extension, a cancellation, a submission made for a unit, a schedule's note) and read later on
 * the dashboard's Vietnamese pages, so it is Vietnamese whatever `--lang` the command ran with.
 */
export const CLI_ACTOR_NAME = 'Thường trực (dòng lệnh)';
