namespace Platform.Console.Resources;

/// <summary>The interface text: <c>Text.resx</c> (English) and <c>Text.es.resx</c> (Spanish), chosen per person.</summary>
public sealed class Text;
