/**
 * One PostgreSQL transaction on a pooled connection, for the console's writes and the shared campaigns'
 * edits: COMMIT when the work resolves, ROLLBACK when it throws.
 */
import type pg from 'pg';

export async function pooledTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A server gone between two queries is an event on the client (uncaught without a listener); the next
  // query fails with it anyway, and that failure is handled below.
  const ignore = () => undefined;
  client.on('error', ignore);
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back is closed, not given to the next caller.
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    client.off('error', ignore);
    client.release(broken);
  }
}
