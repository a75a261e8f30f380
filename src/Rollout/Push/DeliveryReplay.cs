namespace InfraTests.Rollout.Push;

/// <summary>What <see cref="DeliveryLog.Record(string, string)"/> found: a new delivery (now recorded), or which part of it was seen before.</summary>
public enum DeliveryReplay
{
    /// <summary>Neither the id nor the body was seen: the delivery is recorded now.</summary>
    None,

    /// <summary>The delivery id was recorded before: a replay, or the forge's redelivery of a push already acted on.</summary>
    SameId,

    /// <summary>The signed body was recorded before under another id: a captured delivery sent again.</summary>
    SameBody,
}
