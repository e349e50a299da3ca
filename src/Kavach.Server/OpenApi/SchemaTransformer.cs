using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Kavach.Server.OpenApi;

/// <summary>Publishes the closed value sets marked with <see cref="ApiValuesAttribute"/> (DTO properties and handler parameters) as <c>enum</c>.</summary>
internal sealed class SchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var values = context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(ApiValuesAttribute), inherit: false).OfType<ApiValuesAttribute>().FirstOrDefault()
            ?? (context.ParameterDescription?.ParameterDescriptor as IParameterInfoParameterDescriptor)?.ParameterInfo.GetCustomAttribute<ApiValuesAttribute>();
        if (values is not null)
        {
            schema.Enum = values.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
        }

        return Task.CompletedTask;
    }
}
