import { defaultStringifySearch } from '@tanstack/react-router';
import { describe, expect, it } from 'vitest';
import { validateBudgetSearch } from '../pages/reports/budgets-data.ts';
import { validateReportSearch } from '../pages/reports/search.ts';
import { parseSearch, stringifySearch } from './search-params.ts';

describe('search parameters in the URL', () => {
  it('writes booleans and numbers, and strings that look like them, plainly', () => {
    expect(stringifySearch({ is_billable: 'true', invoiced: false, session_id: '42', page: 2 })).toBe(
      '?is_billable=true&invoiced=false&session_id=42&page=2',
    );
  });

  it('writes lists, dates and paths as the API and the browser take them', () => {
    expect(
      stringifySearch({
        project_id: 'prj_1,prj_2',
        from: '2026-03-01',
        redirect: '/reports/time?period=this_week',
      }),
    ).toBe('?project_id=prj_1%2Cprj_2&from=2026-03-01&redirect=%2Freports%2Ftime%3Fperiod%3Dthis_week');
  });

  it('leaves out parameters without a value, and answers nothing for none', () => {
    expect(stringifySearch({ period: 'this_month', drill: undefined, model: null })).toBe(
      '?period=this_month',
    );
    expect(stringifySearch({})).toBe('');
  });

  it('reads every value back as the string it was, whatever it looks like', () => {
    const search = {
      is_billable: 'true',
      session_id: '1e3',
      agent_id: '12345678901234567890',
      model: 'null',
      task_id: '[1]',
      client_id: '"quoted"',
      role: '"',
      period: ' this_week',
    };
    expect(parseSearch(stringifySearch(search))).toEqual(search);
  });

  it('reads booleans and numbers as strings, so a report URL validates as it was written', () => {
    expect(validateReportSearch(parseSearch('?is_billable=true&session_id=42&period=last_month'))).toEqual({
      is_billable: 'true',
      session_id: '42',
      period: 'last_month',
    });
    expect(validateBudgetSearch(parseSearch('?include_archived=true&month=2026-11'))).toMatchObject({
      include_archived: 'true',
      month: '2026-11',
    });
  });

  it('still reads URLs the router wrote before, with quoted booleans and numbers (bookmarks, history)', () => {
    const old = defaultStringifySearch({ is_billable: 'true', session_id: '42', period: 'this_month' });
    expect(old).toBe('?is_billable=%22true%22&session_id=%2242%22&period=this_month');
    expect(parseSearch(old)).toEqual({ is_billable: 'true', session_id: '42', period: 'this_month' });
    expect(parseSearch('?include_archived="true"')).toEqual({ include_archived: 'true' });
  });
});
