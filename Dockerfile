# Build and run Ledger.Api. The shim feed in eng/shim-feed must be in the build context for restore.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# npm installs the console's ECharts bundle during the build (Ledger.Api.csproj).
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
COPY . .
RUN dotnet publish src/Ledger.Api -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:5080
EXPOSE 5080
ENTRYPOINT ["dotnet", "Ledger.Api.dll"]
