using Kavach.Keys.Storage;

namespace Kavach.Keys.Tests.Storage;

public sealed class GroupCommitQueueTests
{
    [Fact]
    public async Task Items_queued_while_a_commit_runs_share_the_next_commit_and_each_gets_its_own_result()
    {
        var firstCommitMayFinish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstCommitStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batches = new List<int>();
        var queue = new GroupCommitQueue<int, int>(
            async items =>
            {
                lock (batches)
                {
                    batches.Add(items.Count);
                }

                firstCommitStarted.TrySetResult();
                await firstCommitMayFinish.Task;
                return items.Select(i => i * 10).ToList();
            },
            TimeProvider.System);

        var first = queue.EnqueueAsync(1);
        await firstCommitStarted.Task;
        var waiting = Enumerable.Range(2, 50).Select(queue.EnqueueAsync).ToList();
        firstCommitMayFinish.SetResult();

        Assert.Equal(10, await first);
        Assert.Equal(Enumerable.Range(2, 50).Select(i => i * 10), await Task.WhenAll(waiting));
        Assert.Equal([1, 50], batches);
    }

    [Fact]
    public async Task A_failed_commit_fails_every_caller_of_its_batch_and_the_next_batch_is_written()
    {
        var fail = true;
        var queue = new GroupCommitQueue<string, bool>(
            items => fail ? throw new InvalidOperationException("disk gone") : Task.FromResult<IReadOnlyList<bool>>(items.Select(_ => true).ToList()),
            TimeProvider.System);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => queue.EnqueueAsync("a"));
        Assert.Equal("disk gone", failure.Message);

        fail = false;
        Assert.True(await queue.EnqueueAsync("b"));
        await queue.FlushAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_commit_that_answers_for_fewer_items_than_it_was_given_fails_its_callers_instead_of_guessing()
    {
        var queue = new GroupCommitQueue<int, bool>(_ => Task.FromResult<IReadOnlyList<bool>>([]), TimeProvider.System);

        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.EnqueueAsync(7));
    }
}
