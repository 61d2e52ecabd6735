using System.Collections.Concurrent;

namespace DiligenceEngine.Data.Csv;

/// <summary>
/// Runs a sequence on a background thread, a bounded number of batches ahead of its reader, and yields its items in
/// their original order. Tokenising a market file and checking its rows then use two cores instead of one. Stopping
/// early (or an error on either side) stops the producer; its exceptions surface on the reading thread.
/// </summary>
public static class ReadAhead
{
    private const int BatchSize = 2_048;
    private const int BatchesAhead = 8;

    public static IEnumerable<T> Of<T>(IEnumerable<T> source)
    {
        using var batches = new BlockingCollection<T[]>(BatchesAhead);
        using var stop = new CancellationTokenSource();
        var producer = Task.Run(() => Produce(source, batches, stop.Token));
        try
        {
            foreach (var batch in batches.GetConsumingEnumerable())
            {
                foreach (var item in batch)
                {
                    yield return item;
                }
            }

            // Rethrows what the producer threw (the batches it completed before failing have been yielded).
            producer.GetAwaiter().GetResult();
        }
        finally
        {
            stop.Cancel();
            try
            {
                producer.Wait(CancellationToken.None);
            }
            catch (AggregateException) when (!producer.IsCompletedSuccessfully)
            {
                // Already rethrown above when the reader got that far; when it stopped early the error is moot.
            }
        }
    }

    private static void Produce<T>(IEnumerable<T> source, BlockingCollection<T[]> batches, CancellationToken stop)
    {
        try
        {
            var batch = new List<T>(BatchSize);
            foreach (var item in source)
            {
                batch.Add(item);
                if (batch.Count == BatchSize)
                {
                    batches.Add(batch.ToArray(), stop);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                batches.Add(batch.ToArray(), stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The reader stopped early.
        }
        finally
        {
            batches.CompleteAdding();
        }
    }
}
