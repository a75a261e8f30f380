namespace InfraTests.Rollout.Targets;

/// <summary>What to do about an ssh failure, from ssh's own last line: the second half of the one line the operator reads.</summary>
internal static class SshTrouble
{
    /// <summary>The advice for <paramref name="failure"/> (ssh's last line), one clause that ends the sentence.</summary>
    public static string Advice(string failure, Uri ssh) => failure switch
    {
        _ when failure.Contains("Host key verification failed", StringComparison.Ordinal) || failure.Contains("host key", StringComparison.OrdinalIgnoreCase)
            => $"the host's key is not in your known_hosts (or it changed): check its fingerprint with the host's owner and add it yourself (`ssh-keyscan{Port(ssh)} {ssh.Host}`, compared); infratests never accepts a host key",
        _ when failure.Contains("Permission denied", StringComparison.Ordinal) || failure.Contains("Too many authentication failures", StringComparison.Ordinal)
            => $"the host refused your keys: put your public key in {(ssh.UserInfo.Length > 0 ? Uri.UnescapeDataString(ssh.UserInfo) : "the user")}'s authorized_keys there, or name the key in your ssh config (ssh runs in batch mode: no password prompt)",
        _ when failure.Contains("Could not resolve", StringComparison.Ordinal)
            => "the host name does not resolve: check the endpoint or the Docker context",
        _ when failure.Contains("Connection refused", StringComparison.Ordinal) || failure.Contains("timed out", StringComparison.Ordinal) || failure.Contains("No route", StringComparison.Ordinal)
            => "no sshd answers there: start it, or leave the host out of --context/--endpoint",
        _ when failure.Contains("not found", StringComparison.Ordinal) && failure.Contains("docker", StringComparison.Ordinal)
            => "the host has no docker command for `docker system dial-stdio`: install the Docker CLI (18.09 or later) there",
        _ => "check that `ssh HOST docker system dial-stdio` works for you",
    };

    private static string Port(Uri ssh) => !ssh.IsDefaultPort && ssh.Port > 0 ? $" -p {ssh.Port}" : string.Empty;
}
